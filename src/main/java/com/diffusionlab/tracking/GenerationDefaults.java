package com.diffusionlab.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a generation's unset fields become: {@code dlab.defaults.*} in {@code
 * application.properties}, the one place the playground, the REST API, sweeps and the command line
 * take them from. Size defaults to the model's trained size and the seed to a random one, so
 * neither is configured here.
 *
 * @param schedule empty for the sampler's own schedule
 */
@ConfigurationProperties("dlab.defaults")
public record GenerationDefaults(
    String negativePrompt,
    int steps,
    double cfg,
    String sampler,
    String schedule,
    double eta,
    int batch,
    String rng,
    int clipSkip,
    double strength) {

  /**
   * The settings with every unset field given its default; the size becomes the model's trained
   * size. The seed stays unset (the caller draws it) and the images stay as they are; a strength
   * without an init image stays, for validation to refuse.
   */
  public GenerationSettings complete(GenerationSettings s, int modelSize) {
    return new GenerationSettings(
        s.model(),
        s.modelName(),
        s.prompt(),
        or(s.negativePrompt(), negativePrompt == null ? "" : negativePrompt),
        s.seed(),
        or(s.steps(), steps),
        or(s.cfg(), cfg),
        or(s.sampler(), sampler),
        s.schedule() != null ? s.schedule() : blankToNull(schedule),
        or(s.eta(), eta),
        or(s.width(), modelSize),
        or(s.height(), modelSize),
        or(s.batch(), batch),
        or(s.rng(), rng),
        or(s.clipSkip(), clipSkip),
        s.initImage() != null ? or(s.strength(), strength) : s.strength(),
        s.initImage(),
        s.maskImage());
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
