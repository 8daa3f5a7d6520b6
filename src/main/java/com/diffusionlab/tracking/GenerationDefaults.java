package com.diffusionlab.tracking;

import com.diffusionlab.engine.RecommendedSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a generation's unset fields become: what the model's card recommends (guidance, steps,
 * sampler, size), else {@code dlab.defaults.*} in {@code application.properties}, the one place the
 * playground, the REST API, sweeps and the command line take them from. Size defaults to the card's
 * or else the model's trained size and the seed to a random one, so neither is configured here.
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
   * The settings with every unset field given its default, the model card's recommendation first;
   * the size becomes the card's or else the model's trained size. The seed stays unset (the caller
   * draws it) and the images stay as they are; a strength without an init image stays, for
   * validation to refuse.
   */
  public GenerationSettings complete(
      GenerationSettings s, int modelSize, RecommendedSettings card) {
    return new GenerationSettings(
        s.model(),
        s.modelName(),
        s.prompt(),
        or(s.negativePrompt(), negativePrompt == null ? "" : negativePrompt),
        s.seed(),
        or(s.steps(), or(card.steps(), steps)),
        or(s.cfg(), or(card.cfg(), cfg)),
        or(s.sampler(), or(card.sampler(), sampler)),
        s.schedule() != null ? s.schedule() : blankToNull(schedule),
        or(s.eta(), eta),
        or(s.width(), or(card.width(), modelSize)),
        or(s.height(), or(card.height(), modelSize)),
        or(s.batch(), batch),
        or(s.rng(), rng),
        or(s.clipSkip(), clipSkip),
        s.initImage() != null ? or(s.strength(), strength) : s.strength(),
        s.initImage(),
        s.maskImage());
  }

  /** Every default for a model, as a form starts: no prompt, no seed, no images. */
  public GenerationSettings forModel(String model, int modelSize, RecommendedSettings card) {
    return complete(GenerationSettings.of(model, ""), modelSize, card);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
