package com.diffusionlab.engine;

import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides the images of a generation, besides the model. Together with the model's
 * content hash, the device class and the engine version it determines the output bit for bit.
 *
 * @param seed the first image's seed; image {@code i} of a batch uses {@code seed + i}, as
 *     AUTOMATIC1111 does
 * @param cfg classifier-free guidance scale; 1 skips the unconditional pass
 * @param clipSkip 1 uses the text encoder's last layer, 2 the one before, …
 * @param initImage img2img/inpainting source, or null for txt2img
 * @param strength share of the schedule run on the init image, in (0, 1]; ignored without one
 * @param mask white = repaint; requires an init image; null for plain img2img
 * @param previews whether step events carry a preview image
 */
public record GenerationRequest(
    String prompt,
    String negativePrompt,
    long seed,
    int steps,
    double cfg,
    SamplerSettings sampler,
    int width,
    int height,
    int batch,
    NoiseKind rng,
    int clipSkip,
    RgbImage initImage,
    double strength,
    Mask mask,
    boolean previews) {

  public static final int MAX_PROMPT_CHARS = 20_000;
  public static final long MAX_SEED = (1L << 53) - 1;
  public static final int MAX_STEPS = 1000;
  public static final double MAX_CFG = 100;
  public static final int MIN_SIDE = 8;
  public static final int MAX_SIDE = 4096;
  public static final int SIDE_MULTIPLE = 8;
  public static final int MAX_BATCH = 16;

  /** A txt2img request with AUTOMATIC1111-like defaults, to adjust field by field. */
  public static Builder builder(String prompt) {
    return new Builder(prompt);
  }

  public boolean imageToImage() {
    return initImage != null;
  }

  /** Strength as it applies: 1 for txt2img. */
  public double effectiveStrength() {
    return initImage != null ? strength : 1;
  }

  /**
   * Checks every field and reports all bad ones at once.
   *
   * @throws InvalidRequestException naming each bad field, its value and what is allowed
   */
  public GenerationRequest validate() {
    List<FieldError> errors = new ArrayList<>();
    if (prompt == null || prompt.length() > MAX_PROMPT_CHARS) {
      errors.add(
          error(
              "prompt",
              prompt == null ? "null" : prompt.length() + " characters",
              "text of at most " + MAX_PROMPT_CHARS + " characters"));
    }
    if (negativePrompt == null || negativePrompt.length() > MAX_PROMPT_CHARS) {
      errors.add(
          error(
              "negativePrompt",
              negativePrompt == null ? "null" : negativePrompt.length() + " characters",
              "text of at most " + MAX_PROMPT_CHARS + " characters (empty for none)"));
    }
    if (seed < 0 || seed > MAX_SEED - (batch - 1L)) {
      errors.add(
          error(
              "seed",
              seed,
              "0 to "
                  + MAX_SEED
                  + " (minus batch size − 1), so every image's seed is exact in JSON"));
    }
    if (steps < 1 || steps > MAX_STEPS) {
      errors.add(error("steps", steps, "1 to " + MAX_STEPS));
    }
    if (!(cfg >= 0 && cfg <= MAX_CFG)) {
      errors.add(error("cfg", cfg, "0 to " + MAX_CFG));
    }
    side("width", width, errors);
    side("height", height, errors);
    if (batch < 1 || batch > MAX_BATCH) {
      errors.add(error("batch", batch, "1 to " + MAX_BATCH));
    }
    if (rng == null) {
      errors.add(error("rng", null, "philox or torch-cpu"));
    }
    if (clipSkip < 1) {
      errors.add(error("clipSkip", clipSkip, "1 (last layer) or more"));
    }
    if (sampler == null) {
      errors.add(error("sampler", null, "a sampler name"));
    } else if (!(sampler.eta() >= 0 && sampler.eta() <= 1)) {
      errors.add(error("eta", sampler.eta(), "0 to 1"));
    } else {
      try {
        SamplerFactory.canonical(sampler);
      } catch (EngineException | IllegalArgumentException e) {
        errors.add(error("sampler", sampler.name(), e.getMessage()));
      }
    }
    if (initImage != null && !(strength > 0 && strength <= 1)) {
      errors.add(error("strength", strength, "greater than 0 and at most 1"));
    }
    if (mask != null && initImage == null) {
      errors.add(error("mask", mask.width() + "x" + mask.height(), "only with an init image"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return this;
  }

  private static void side(String field, int value, List<FieldError> errors) {
    if (value < MIN_SIDE || value > MAX_SIDE || value % SIDE_MULTIPLE != 0) {
      errors.add(
          error(
              field,
              value,
              "a multiple of " + SIDE_MULTIPLE + " from " + MIN_SIDE + " to " + MAX_SIDE));
    }
  }

  private static FieldError error(String field, Object value, String allowed) {
    return new FieldError(field, String.valueOf(value), allowed);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds requests field by field; starts from AUTOMATIC1111-like defaults. */
  public static final class Builder {
    private String prompt;
    private String negativePrompt = "";
    private long seed;
    private int steps = 20;
    private double cfg = 7;
    private SamplerSettings sampler = SamplerSettings.of("euler");
    private int width = 512;
    private int height = 512;
    private int batch = 1;
    private NoiseKind rng = NoiseKind.PHILOX;
    private int clipSkip = 1;
    private RgbImage initImage;
    private double strength = 1;
    private Mask mask;
    private boolean previews;

    private Builder(String prompt) {
      this.prompt = prompt;
    }

    private Builder(GenerationRequest r) {
      prompt = r.prompt;
      negativePrompt = r.negativePrompt;
      seed = r.seed;
      steps = r.steps;
      cfg = r.cfg;
      sampler = r.sampler;
      width = r.width;
      height = r.height;
      batch = r.batch;
      rng = r.rng;
      clipSkip = r.clipSkip;
      initImage = r.initImage;
      strength = r.strength;
      mask = r.mask;
      previews = r.previews;
    }

    public Builder prompt(String value) {
      prompt = value;
      return this;
    }

    public Builder negativePrompt(String value) {
      negativePrompt = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder steps(int value) {
      steps = value;
      return this;
    }

    public Builder cfg(double value) {
      cfg = value;
      return this;
    }

    public Builder sampler(SamplerSettings value) {
      sampler = value;
      return this;
    }

    public Builder size(int newWidth, int newHeight) {
      width = newWidth;
      height = newHeight;
      return this;
    }

    public Builder batch(int value) {
      batch = value;
      return this;
    }

    public Builder rng(NoiseKind value) {
      rng = value;
      return this;
    }

    public Builder clipSkip(int value) {
      clipSkip = value;
      return this;
    }

    public Builder initImage(RgbImage image, double newStrength) {
      initImage = image;
      strength = newStrength;
      return this;
    }

    public Builder mask(Mask value) {
      mask = value;
      return this;
    }

    public Builder previews(boolean value) {
      previews = value;
      return this;
    }

    public GenerationRequest build() {
      return new GenerationRequest(
          prompt,
          negativePrompt,
          seed,
          steps,
          cfg,
          sampler,
          width,
          height,
          batch,
          rng,
          clipSkip,
          initImage,
          strength,
          mask,
          previews);
    }
  }
}
