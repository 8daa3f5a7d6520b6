package com.diffusionlab.tracking;

/** Settings as a run records them, for tests that store runs without generating. */
public final class RecordedSettings {
  public static final String MODEL_HASH = "abcdef0123" + "0".repeat(54);

  private RecordedSettings() {}

  public static GenerationSettings of(String prompt, double cfg, String sampler, long seed) {
    return new GenerationSettings(
        MODEL_HASH,
        "tiny",
        prompt,
        "",
        seed,
        20,
        cfg,
        sampler,
        "normal",
        0.0,
        64,
        64,
        1,
        "philox",
        1,
        null,
        null,
        null);
  }
}
