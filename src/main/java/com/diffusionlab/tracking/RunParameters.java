package com.diffusionlab.tracking;

/**
 * Everything a run was asked to do, as recorded: enough to replay it on the same model version.
 *
 * @param strength null for txt2img
 * @param initImage artifact hash of the img2img source, or null
 * @param maskImage artifact hash of the inpainting mask, or null
 */
public record RunParameters(
    String prompt,
    String negativePrompt,
    String modelName,
    String modelHash,
    String sampler,
    String schedule,
    double eta,
    int steps,
    double cfg,
    int width,
    int height,
    int batch,
    long seed,
    String rng,
    int clipSkip,
    Double strength,
    String initImage,
    String maskImage) {}
