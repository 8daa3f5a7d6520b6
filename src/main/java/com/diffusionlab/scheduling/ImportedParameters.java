package com.diffusionlab.scheduling;

import java.util.List;

/**
 * Generation parameters read from a PNG, ready to prefill the playground.
 *
 * @param source {@code diffusion-lab}, {@code automatic1111}, {@code comfyui} or {@code none}
 * @param modelFound whether a registered model matches the file's model hash or name
 * @param unknownFields fields the file carries that Diffusion Lab does not use, listed rather than
 *     silently dropped
 */
public record ImportedParameters(
    String source,
    GenerationAsk ask,
    boolean modelFound,
    List<String> unknownFields,
    List<String> notes) {}
