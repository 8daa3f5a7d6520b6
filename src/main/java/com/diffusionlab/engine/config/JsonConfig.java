package com.diffusionlab.engine.config;

import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model {@code config.json}, read defensively: every accessor names the file, the key, the value
 * found and what is allowed when the value does not fit.
 */
public final class JsonConfig {

  /** Config files are a few kilobytes; anything far larger is not a config. */
  private static final long MAX_BYTES = 1 << 20;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Path file;
  private final JsonNode root;

  private JsonConfig(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  public static JsonConfig read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ModelFormatException(file, "larger than " + MAX_BYTES + " bytes: not a config");
      }
      return parse(file, Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file, "missing");
    } catch (IOException e) {
      throw new ModelFormatException(file, "unreadable: " + e.getMessage(), e);
    }
  }

  /** Parses JSON text; {@code origin} names where it came from in error messages. */
  public static JsonConfig parse(Path origin, String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new ModelFormatException(origin, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new ModelFormatException(origin, "expected a JSON object");
    }
    return new JsonConfig(origin, node);
  }

  public Path file() {
    return file;
  }

  public boolean has(String key) {
    JsonNode value = root.get(key);
    return value != null && !value.isNull();
  }

  public String string(String key, String fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isString()) {
      throw invalid(key, value, "a string");
    }
    return value.asString();
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw invalid(key, value, "true or false");
    }
    return value.asBoolean();
  }

  public int positiveInt(String key, int fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    return positiveInt(key, value);
  }

  public int nonNegativeInt(String key, int fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
      throw invalid(key, value, "an integer ≥ 0");
    }
    return value.asInt();
  }

  public double positiveDouble(String key, double fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
      throw invalid(key, value, "a finite number > 0");
    }
    return value.asDouble();
  }

  /** A list of strings; an absent key gives the fallback. */
  public List<String> stringList(String key, List<String> fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isArray()) {
      throw invalid(key, value, "a list of strings");
    }
    List<String> result = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw invalid(key, value, "a list of strings");
      }
      result.add(item.asString());
    }
    return Collections.unmodifiableList(result);
  }

  /** An object whose values are all strings, in file order; absent gives an empty map. */
  public Map<String, String> stringMap(String key) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw invalid(key, value, "an object of strings");
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isString()) {
        throw invalid(key + "." + entry.getKey(), entry.getValue(), "a string");
      }
      result.put(entry.getKey(), entry.getValue().asString());
    }
    return Collections.unmodifiableMap(result);
  }

  /** A list of positive integers; an absent key gives the fallback. */
  public List<Integer> positiveIntList(String key, List<Integer> fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isArray()) {
      throw invalid(key, value, "a list of integers > 0");
    }
    List<Integer> result = new ArrayList<>();
    for (JsonNode item : value) {
      result.add(positiveInt(key, item));
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * A key that diffusers allows either as one integer for every block or as a list with one per
   * block ({@code attention_head_dim}, {@code transformer_layers_per_block}).
   */
  public List<Integer> perBlockInts(String key, int blocks, int fallback) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      return Collections.nCopies(blocks, fallback);
    }
    if (value.isArray()) {
      List<Integer> list = positiveIntList(key, List.of());
      if (list.size() != blocks) {
        throw invalid(key, value, "one integer or a list of " + blocks + " (one per block)");
      }
      return list;
    }
    return Collections.nCopies(blocks, positiveInt(key, value));
  }

  private int positiveInt(String key, JsonNode value) {
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
      throw invalid(key, value, "an integer > 0");
    }
    return value.asInt();
  }

  private ModelFormatException invalid(String key, JsonNode value, String allowed) {
    return new ModelFormatException(file, key + "=" + value + " is invalid: expected " + allowed);
  }
}
