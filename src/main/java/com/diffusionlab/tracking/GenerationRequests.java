package com.diffusionlab.tracking;

import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.ReplayMetadata;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps {@link GenerationSettings} to the engine and back: the engine's request (validated, with
 * errors named as the settings name their fields), the canonical form a run records, and the
 * settings a Diffusion Lab PNG carries.
 */
public final class GenerationRequests {

  /** Engine field names that differ from the settings' names. */
  private static final Map<String, String> SETTING_NAMES = Map.of("mask", "maskImage");

  private GenerationRequests() {}

  /**
   * The engine request for complete settings (see {@link GenerationDefaults#complete}) with their
   * images decoded, checked field by field; the model's own limits are checked when it is loaded.
   *
   * @throws InvalidRequestException naming every bad field as the settings name it, its value and
   *     what is allowed
   */
  public static GenerationRequest toEngine(
      GenerationSettings s, RgbImage initImage, Mask mask, boolean previews) {
    return toEngine(s, initImage, mask, previews, 0);
  }

  /**
   * {@link #toEngine(GenerationSettings, RgbImage, Mask, boolean)} checked against the model too,
   * so that a request the model cannot run is refused at submission rather than by the worker.
   *
   * @param textEncoderLayers the model's text encoder layer count, the largest clip skip; 0 when
   *     not known
   */
  public static GenerationRequest toEngine(
      GenerationSettings s,
      RgbImage initImage,
      Mask mask,
      boolean previews,
      int textEncoderLayers) {
    List<FieldError> errors = new ArrayList<>();
    if (textEncoderLayers > 0 && s.clipSkip() != null && s.clipSkip() > textEncoderLayers) {
      errors.add(
          new FieldError(
              GenerationFields.CLIP_SKIP,
              s.clipSkip().toString(),
              "1 to " + textEncoderLayers + " for this model (its text encoder's layers)"));
    }
    NoiseKind rng = null;
    try {
      rng = NoiseKind.parse(s.rng());
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError(
              GenerationFields.RNG,
              String.valueOf(s.rng()),
              String.join(" or ", GenerationFields.NOISE_GENERATORS)));
    }
    if (s.strength() != null && s.initImage() == null) {
      errors.add(
          new FieldError(
              GenerationFields.STRENGTH, s.strength().toString(), "only with an initImage"));
    }
    if (s.maskImage() != null && s.initImage() == null) {
      errors.add(
          new FieldError(GenerationFields.MASK_IMAGE, s.maskImage(), "only with an initImage"));
    }
    GenerationRequest.Builder builder =
        GenerationRequest.builder(s.prompt())
            .negativePrompt(s.negativePrompt())
            .seed(s.seed() == null ? 0 : s.seed())
            .steps(s.steps())
            .cfg(s.cfg())
            .sampler(new SamplerSettings(s.sampler(), s.schedule(), s.eta()))
            .size(s.width(), s.height())
            .batch(s.batch())
            .rng(rng)
            .clipSkip(s.clipSkip())
            .previews(previews);
    if (initImage != null) {
      builder.initImage(initImage, s.strength());
      builder.mask(mask);
    }
    GenerationRequest request = builder.build();
    try {
      request.validate();
    } catch (InvalidRequestException e) {
      e.errors().stream().filter(error -> !error.field().equals("rng")).forEach(errors::add);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(
          errors.stream()
              .map(
                  error ->
                      new FieldError(
                          SETTING_NAMES.getOrDefault(error.field(), error.field()),
                          error.value(),
                          error.allowed()))
              .toList());
    }
    return request;
  }

  /**
   * The settings as a run records them: the model by content hash and name, and the sampler in its
   * canonical form (an alias such as {@code dpmpp_2m_karras} becomes sampler and schedule).
   *
   * @throws InvalidRequestException for a sampler, schedule or eta the engine does not accept
   */
  public static GenerationSettings recorded(
      GenerationSettings complete, String modelHash, String modelName) {
    SamplerSettings canonical;
    try {
      canonical =
          SamplerFactory.canonical(
              new SamplerSettings(complete.sampler(), complete.schedule(), complete.eta()));
    } catch (EngineException e) {
      throw new InvalidRequestException(
          GenerationFields.SAMPLER, complete.sampler(), e.getMessage());
    }
    return new GenerationSettings(
        modelHash,
        modelName,
        complete.prompt(),
        complete.negativePrompt(),
        complete.seed(),
        complete.steps(),
        complete.cfg(),
        canonical.name(),
        canonical.schedule(),
        canonical.eta(),
        complete.width(),
        complete.height(),
        complete.batch(),
        complete.rng(),
        complete.clipSkip(),
        complete.strength(),
        complete.initImage(),
        complete.maskImage());
  }

  /**
   * The settings a Diffusion Lab PNG records for its one image: its own seed, batch 1. An img2img
   * image's init image is not inside the PNG, so it stays unset.
   */
  public static GenerationSettings fromReplay(ReplayMetadata replay) {
    SamplerSettings sampler = replay.sampler();
    return new GenerationSettings(
        replay.modelSha256(),
        replay.modelName(),
        replay.prompt(),
        replay.negativePrompt(),
        replay.seed(),
        replay.steps(),
        replay.cfgScale(),
        sampler.name(),
        sampler.schedule(),
        sampler.eta(),
        replay.width(),
        replay.height(),
        1,
        replay.noiseGenerator(),
        replay.clipSkip(),
        replay.strength(),
        null,
        null);
  }
}
