package com.diffusionlab.engine;

import com.diffusionlab.engine.image.GenerationInfotext;
import com.diffusionlab.engine.image.Infotext;
import com.diffusionlab.engine.image.PngText;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.ReplayMetadata;
import com.diffusionlab.engine.image.ReplayMetadataCodec;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerSettings;
import com.diffusionlab.engine.sampling.SamplerType;
import com.diffusionlab.engine.sampling.SigmaSchedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A generated image as a PNG that carries how it was made twice: AUTOMATIC1111's {@code parameters}
 * text, which other tools read and show, and Diffusion Lab's {@code diffusionlab} JSON, which holds
 * everything a bit-exact replay needs.
 */
public final class GenerationPng {

  /** AUTOMATIC1111's names for its noise sources: NV is its CPU port of CUDA's philox. */
  private static final String PHILOX_RNG = "NV";

  private static final String TORCH_CPU_RNG = "CPU";

  private final PngWriter writer = new PngWriter();
  private final ReplayMetadataCodec codec = new ReplayMetadataCodec();

  public byte[] encode(GenerationResult result, int index) {
    GeneratedImage image = result.images().get(index);
    return writer.encode(
        image.image(),
        List.of(
            PngText.of("parameters", Infotext.format(infotext(result, image))),
            codec.toPngText(replay(result, image))));
  }

  /** The AUTOMATIC1111 infotext of one image. */
  public static GenerationInfotext infotext(GenerationResult result, GeneratedImage image) {
    GenerationRequest request = result.request();
    SamplerSettings sampler = result.sampler();
    GenerationInfotext.Builder builder =
        GenerationInfotext.builder(request.prompt())
            .negativePrompt(request.negativePrompt())
            .steps(request.steps())
            .sampler(
                SamplerFactory.find(sampler.name())
                    .map(SamplerType::a1111Name)
                    .orElse(sampler.name()))
            .scheduleType(SigmaSchedule.fromName(sampler.schedule()).a1111Name())
            .cfgScale(request.cfg())
            .seed(image.seed())
            .size(request.width(), request.height())
            .modelHash(result.model().shortHash())
            .model(result.model().name())
            .clipSkip(request.clipSkip())
            .rng(request.rng() == NoiseKind.PHILOX ? PHILOX_RNG : TORCH_CPU_RNG)
            .version("diffusion-lab " + result.engineVersion());
    if (request.imageToImage()) {
      builder.denoisingStrength(request.strength());
    }
    if (sampler.eta() != 0
        && SamplerFactory.find(sampler.name()).orElse(null) == SamplerType.DDIM) {
      builder.field("Eta DDIM", String.valueOf(sampler.eta()));
    }
    return builder.build();
  }

  /** The noise source an AUTOMATIC1111 infotext names, by its RNG field (absent means GPU). */
  public static NoiseKind noiseOf(GenerationInfotext infotext) {
    return infotext.rng().filter(TORCH_CPU_RNG::equalsIgnoreCase).isPresent()
        ? NoiseKind.TORCH_CPU
        : NoiseKind.PHILOX;
  }

  /** What a bit-exact replay of one image needs. */
  public static ReplayMetadata replay(GenerationResult result, GeneratedImage image) {
    GenerationRequest request = result.request();
    SequencedMap<String, String> extra = new LinkedHashMap<>();
    extra.put("model_family", result.model().family());
    extra.put("model_format", result.model().format());
    extra.put("prediction_type", result.model().predictionType());
    if (request.mask() != null) {
      extra.put("inpainting", "mask");
    }
    return new ReplayMetadata(
        result.engineVersion(),
        result.model().name(),
        result.model().contentHash(),
        request.rng().id(),
        image.seed(),
        image.index(),
        result.sampler(),
        request.steps(),
        request.cfg(),
        request.width(),
        request.height(),
        request.prompt(),
        request.negativePrompt(),
        request.imageToImage() ? request.strength() : null,
        request.clipSkip(),
        result.precision(),
        result.device(),
        extra);
  }
}
