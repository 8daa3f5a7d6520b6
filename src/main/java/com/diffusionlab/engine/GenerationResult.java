package com.diffusionlab.engine;

import com.diffusionlab.engine.sampling.SamplerSettings;
import java.util.List;

/**
 * The images of a generation and everything recorded about how they were made.
 *
 * @param sampler the sampler settings as they ran (canonical names, effective η)
 * @param device the device class that ran the networks, e.g. {@code cpu} or {@code gpu}
 * @param precision {@code fp32} or {@code fp16}
 * @param peakRssBytes the process's peak resident memory during the generation
 * @param peakDeviceBytes peak device memory in use on a GPU (device-wide), 0 on the CPU
 */
public record GenerationResult(
    List<GeneratedImage> images,
    ModelInfo model,
    GenerationRequest request,
    SamplerSettings sampler,
    String engineVersion,
    String device,
    String precision,
    StageTimings timings,
    long peakRssBytes,
    long peakDeviceBytes,
    List<String> warnings) {

  public GenerationResult {
    images = List.copyOf(images);
    warnings = List.copyOf(warnings);
  }
}
