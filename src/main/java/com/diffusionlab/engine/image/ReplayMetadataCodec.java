package com.diffusionlab.engine.image;

import com.diffusionlab.engine.sampling.SamplerSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ReplayMetadata} to and from its JSON, a flat object with snake_case names in a fixed order
 * (so the same record always gives the same bytes), stored in the {@value #KEYWORD} iTXt chunk.
 *
 * <p>Decoding is strict about what it knows and keeps what it does not: a missing or mistyped field
 * is an error naming it, a newer {@code format_version} is refused with {@link
 * UnsupportedReplayVersionException}, and unknown fields are kept in {@link
 * ReplayMetadata#unknownFields()} and written back by {@link #encode}.
 */
public final class ReplayMetadataCodec {
  /** The PNG text keyword of the replay chunk. */
  public static final String KEYWORD = "diffusionlab";

  private static final String FORMAT_VERSION = "format_version";
  private static final String ENGINE_VERSION = "engine_version";
  private static final String MODEL_NAME = "model_name";
  private static final String MODEL_SHA256 = "model_sha256";
  private static final String NOISE_GENERATOR = "noise_generator";
  private static final String SEED = "seed";
  private static final String BATCH_INDEX = "batch_index";
  private static final String SAMPLER = "sampler";
  private static final String SCHEDULE = "schedule";
  private static final String ETA = "eta";
  private static final String STEPS = "steps";
  private static final String CFG_SCALE = "cfg_scale";
  private static final String WIDTH = "width";
  private static final String HEIGHT = "height";
  private static final String PROMPT = "prompt";
  private static final String NEGATIVE_PROMPT = "negative_prompt";
  private static final String STRENGTH = "strength";
  private static final String CLIP_SKIP = "clip_skip";
  private static final String PRECISION = "precision";
  private static final String DEVICE_CLASS = "device_class";
  private static final String EXTRA = "extra";
  private static final Set<String> KNOWN =
      Set.of(
          FORMAT_VERSION,
          ENGINE_VERSION,
          MODEL_NAME,
          MODEL_SHA256,
          NOISE_GENERATOR,
          SEED,
          BATCH_INDEX,
          SAMPLER,
          SCHEDULE,
          ETA,
          STEPS,
          CFG_SCALE,
          WIDTH,
          HEIGHT,
          PROMPT,
          NEGATIVE_PROMPT,
          STRENGTH,
          CLIP_SKIP,
          PRECISION,
          DEVICE_CLASS,
          EXTRA);

  private static final int SHOWN_VALUE_LENGTH = 80;

  private final JsonMapper mapper =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** The compact JSON of {@code metadata}. */
  public String encode(ReplayMetadata metadata) {
    ObjectNode root = mapper.createObjectNode();
    root.put(FORMAT_VERSION, metadata.formatVersion());
    root.put(ENGINE_VERSION, metadata.engineVersion());
    root.put(MODEL_NAME, metadata.modelName());
    root.put(MODEL_SHA256, metadata.modelSha256());
    root.put(NOISE_GENERATOR, metadata.noiseGenerator());
    root.put(SEED, metadata.seed());
    root.put(BATCH_INDEX, metadata.batchIndex());
    root.put(SAMPLER, metadata.sampler().name());
    root.put(SCHEDULE, metadata.sampler().schedule());
    root.put(ETA, metadata.sampler().eta());
    root.put(STEPS, metadata.steps());
    root.put(CFG_SCALE, metadata.cfgScale());
    root.put(WIDTH, metadata.width());
    root.put(HEIGHT, metadata.height());
    root.put(PROMPT, metadata.prompt());
    root.put(NEGATIVE_PROMPT, metadata.negativePrompt());
    if (metadata.strength() != null) {
      root.put(STRENGTH, metadata.strength().doubleValue());
    }
    root.put(CLIP_SKIP, metadata.clipSkip());
    root.put(PRECISION, metadata.precision());
    root.put(DEVICE_CLASS, metadata.deviceClass());
    ObjectNode extra = root.putObject(EXTRA);
    metadata.extra().forEach(extra::put);
    metadata.unknownFields().forEach((name, json) -> root.set(name, unknownValue(name, json)));
    return mapper.writeValueAsString(root);
  }

  /** The {@value #KEYWORD} iTXt chunk holding {@link #encode(ReplayMetadata)}. */
  public PngText toPngText(ReplayMetadata metadata) {
    return PngText.international(KEYWORD, encode(metadata));
  }

  /**
   * Reads replay JSON.
   *
   * @throws UnsupportedReplayVersionException if written in a newer format version
   * @throws MetadataFormatException if not JSON, or a field is missing, mistyped or out of range
   */
  public ReplayMetadata decode(String json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JacksonException e) {
      throw new MetadataFormatException(
          "diffusionlab metadata is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MetadataFormatException("diffusionlab metadata is not a JSON object");
    }
    int version = integer(root, FORMAT_VERSION);
    if (version > ReplayMetadata.CURRENT_FORMAT_VERSION) {
      throw new UnsupportedReplayVersionException(version, ReplayMetadata.CURRENT_FORMAT_VERSION);
    }
    SequencedMap<String, String> unknown = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!KNOWN.contains(field.getKey())) {
        unknown.put(field.getKey(), mapper.writeValueAsString(field.getValue()));
      }
    }
    JsonNode strength = root.get(STRENGTH);
    try {
      return new ReplayMetadata(
          version,
          text(root, ENGINE_VERSION),
          text(root, MODEL_NAME),
          text(root, MODEL_SHA256),
          text(root, NOISE_GENERATOR),
          longInteger(root, SEED),
          integer(root, BATCH_INDEX),
          new SamplerSettings(text(root, SAMPLER), text(root, SCHEDULE), number(root, ETA)),
          integer(root, STEPS),
          number(root, CFG_SCALE),
          integer(root, WIDTH),
          integer(root, HEIGHT),
          text(root, PROMPT),
          text(root, NEGATIVE_PROMPT),
          strength == null || strength.isNull() ? null : number(root, STRENGTH),
          integer(root, CLIP_SKIP),
          text(root, PRECISION),
          text(root, DEVICE_CLASS),
          extra(root),
          unknown);
    } catch (IllegalArgumentException e) {
      throw new MetadataFormatException("diffusionlab metadata: " + e.getMessage(), e);
    }
  }

  private JsonNode unknownValue(String name, String json) {
    if (KNOWN.contains(name)) {
      throw new IllegalArgumentException(
          "unknown field '%s' has the name of a known field".formatted(name));
    }
    try {
      return mapper.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "unknown field '%s' does not hold JSON: %s".formatted(name, json), e);
    }
  }

  private static JsonNode required(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      throw new MetadataFormatException("diffusionlab metadata lacks field '" + name + "'");
    }
    return node;
  }

  private static MetadataFormatException mistyped(String name, JsonNode node, String expected) {
    String shown = node.toString();
    if (shown.length() > SHOWN_VALUE_LENGTH) {
      shown = shown.substring(0, SHOWN_VALUE_LENGTH) + "...";
    }
    return new MetadataFormatException(
        "diffusionlab metadata field '%s' is %s; expected %s".formatted(name, shown, expected));
  }

  private static String text(JsonNode root, String name) {
    JsonNode node = required(root, name);
    if (!node.isString()) {
      throw mistyped(name, node, "a string");
    }
    return node.stringValue();
  }

  private static int integer(JsonNode root, String name) {
    JsonNode node = required(root, name);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw mistyped(name, node, "an integer");
    }
    return node.intValue();
  }

  private static long longInteger(JsonNode root, String name) {
    JsonNode node = required(root, name);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw mistyped(name, node, "a 64-bit integer");
    }
    return node.longValue();
  }

  private static double number(JsonNode root, String name) {
    JsonNode node = required(root, name);
    if (!node.isNumber()) {
      throw mistyped(name, node, "a number");
    }
    return node.doubleValue();
  }

  private static SequencedMap<String, String> extra(JsonNode root) {
    SequencedMap<String, String> extra = new LinkedHashMap<>();
    JsonNode node = root.get(EXTRA);
    if (node == null || node.isNull()) {
      return extra;
    }
    if (!node.isObject()) {
      throw mistyped(EXTRA, node, "an object of strings");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isString()) {
        throw mistyped(EXTRA + "." + entry.getKey(), entry.getValue(), "a string");
      }
      extra.put(entry.getKey(), entry.getValue().stringValue());
    }
    return extra;
  }
}
