package com.diffusionlab.engine.image;

import com.diffusionlab.engine.sampling.SamplerSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * Everything needed to regenerate an image bit for bit, stored as JSON in the PNG's {@code
 * diffusionlab} iTXt chunk by {@link ReplayMetadataCodec}.
 *
 * @param formatVersion version of this JSON format the record was read from or is written in
 * @param engineVersion version of the engine that generated the image
 * @param modelName display name of the model
 * @param modelSha256 content hash of the model version, 64 lowercase hex digits
 * @param noiseGenerator initial-noise generator, e.g. {@code philox} or {@code torch-cpu}
 * @param seed seed of this image's noise generator
 * @param batchIndex position of the image in its batch, from 0
 * @param strength img2img / inpainting denoising strength in [0, 1]; {@code null} for txt2img
 * @param clipSkip CLIP layers skipped from the end, 1 = the last layer (no skip)
 * @param precision numeric precision of the networks, e.g. {@code fp32}
 * @param deviceClass class of device that ran them, e.g. {@code cpu} or {@code cuda-sm89}
 * @param extra further settings, in order (adapters, init image hash, ...)
 * @param unknownFields fields of the JSON this version does not know, name → JSON text, kept so
 *     that rewriting the metadata loses nothing
 */
public record ReplayMetadata(
    int formatVersion,
    String engineVersion,
    String modelName,
    String modelSha256,
    String noiseGenerator,
    long seed,
    int batchIndex,
    SamplerSettings sampler,
    int steps,
    double cfgScale,
    int width,
    int height,
    String prompt,
    String negativePrompt,
    Double strength,
    int clipSkip,
    String precision,
    String deviceClass,
    SequencedMap<String, String> extra,
    SequencedMap<String, String> unknownFields) {

  /** The format version this engine writes and the newest it reads. */
  public static final int CURRENT_FORMAT_VERSION = 1;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ReplayMetadata {
    if (formatVersion < 1 || formatVersion > CURRENT_FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "format_version is %d; this engine knows 1 to %d"
              .formatted(formatVersion, CURRENT_FORMAT_VERSION));
    }
    requireText("engine_version", engineVersion);
    requireText("model_name", modelName);
    Objects.requireNonNull(modelSha256, "model_sha256");
    if (!SHA256.matcher(modelSha256).matches()) {
      throw new IllegalArgumentException(
          "model_sha256 is '%s'; expected 64 lowercase hex digits".formatted(modelSha256));
    }
    requireText("noise_generator", noiseGenerator);
    requireAtLeast("batch_index", batchIndex, 0);
    Objects.requireNonNull(sampler, "sampler");
    // a replay records the canonical settings, so nothing is left to a default
    requireText("sampler", sampler.name());
    requireText("schedule", sampler.schedule());
    if (!Double.isFinite(sampler.eta()) || sampler.eta() < 0) {
      throw new IllegalArgumentException(
          "eta is " + sampler.eta() + "; it must be finite and at least 0");
    }
    requireAtLeast("steps", steps, 1);
    if (!Double.isFinite(cfgScale)) {
      throw new IllegalArgumentException("cfg_scale is " + cfgScale + "; it must be finite");
    }
    requireAtLeast("width", width, 1);
    requireAtLeast("height", height, 1);
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(negativePrompt, "negative_prompt");
    if (strength != null && !(strength >= 0 && strength <= 1)) {
      throw new IllegalArgumentException("strength is " + strength + "; it must be in [0, 1]");
    }
    requireAtLeast("clip_skip", clipSkip, 1);
    requireText("precision", precision);
    requireText("device_class", deviceClass);
    extra = copy("extra", extra);
    unknownFields = copy("unknownFields", unknownFields);
  }

  /** A record in the current format version, with no unknown fields. */
  public ReplayMetadata(
      String engineVersion,
      String modelName,
      String modelSha256,
      String noiseGenerator,
      long seed,
      int batchIndex,
      SamplerSettings sampler,
      int steps,
      double cfgScale,
      int width,
      int height,
      String prompt,
      String negativePrompt,
      Double strength,
      int clipSkip,
      String precision,
      String deviceClass,
      SequencedMap<String, String> extra) {
    this(
        CURRENT_FORMAT_VERSION,
        engineVersion,
        modelName,
        modelSha256,
        noiseGenerator,
        seed,
        batchIndex,
        sampler,
        steps,
        cfgScale,
        width,
        height,
        prompt,
        negativePrompt,
        strength,
        clipSkip,
        precision,
        deviceClass,
        extra,
        new LinkedHashMap<>());
  }

  static void requireText(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank; it must name something");
    }
  }

  private static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " is " + value + "; it must be at least " + min);
    }
  }

  private static SequencedMap<String, String> copy(String name, Map<String, String> map) {
    SequencedMap<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNull(map, name)
        .forEach(
            (k, v) ->
                copy.put(
                    Objects.requireNonNull(k, () -> "a key of " + name),
                    Objects.requireNonNull(v, () -> name + " value of " + k)));
    return Collections.unmodifiableSequencedMap(copy);
  }
}
