package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.GenerationSettings;
import java.util.List;

/**
 * Generation settings read from a PNG, ready to prefill the playground.
 *
 * @param source {@code diffusion-lab}, {@code automatic1111}, {@code comfyui} or {@code none}
 * @param settings what the file records; null when it records nothing usable
 * @param modelFound whether a registered model matches the file's model hash or name
 * @param unknownFields fields the file carries that Diffusion Lab does not use, listed rather than
 *     silently dropped
 */
public record ImportedParameters(
    String source,
    GenerationSettings settings,
    boolean modelFound,
    List<String> unknownFields,
    List<String> notes) {}
