package com.diffusionlab.scheduling;

/**
 * A generation as a user or API client asks for it. Nulls and zeros take defaults: the caller's
 * default session, the {@code default} experiment, a random seed, the model's trained size.
 *
 * @param model model name or content hash (full or the 10-digit short hash)
 * @param initImage artifact hash of an uploaded img2img source
 * @param maskImage artifact hash of an uploaded inpainting mask (white = repaint)
 */
public record GenerationAsk(
    Long sessionId,
    String experiment,
    String model,
    String prompt,
    String negativePrompt,
    Long seed,
    int steps,
    double cfg,
    String sampler,
    String schedule,
    double eta,
    int width,
    int height,
    int batch,
    String rng,
    int clipSkip,
    String initImage,
    Double strength,
    String maskImage) {

  /** The playground's defaults for a prompt. */
  public static GenerationAsk of(String model, String prompt) {
    return new GenerationAsk(
        null, null, model, prompt, "", null, 20, 7, "euler", null, 0, 0, 0, 1, "philox", 1, null,
        null, null);
  }

  public GenerationAsk withSeed(Long value) {
    return new GenerationAsk(
        sessionId,
        experiment,
        model,
        prompt,
        negativePrompt,
        value,
        steps,
        cfg,
        sampler,
        schedule,
        eta,
        width,
        height,
        batch,
        rng,
        clipSkip,
        initImage,
        strength,
        maskImage);
  }
}
