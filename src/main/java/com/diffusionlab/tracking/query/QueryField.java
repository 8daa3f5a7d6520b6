package com.diffusionlab.tracking.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The run fields a query can test, with the column each reads and the operators it allows. */
enum QueryField {
  ID("id", Type.NUMBER),
  CFG("cfg", Type.NUMBER),
  STEPS("steps", Type.NUMBER),
  SEED("seed", Type.NUMBER),
  WIDTH("width", Type.NUMBER),
  HEIGHT("height", Type.NUMBER),
  BATCH("batch", Type.NUMBER),
  ETA("eta", Type.NUMBER),
  CLIP_SKIP("clipSkip", Type.NUMBER, "clip_skip"),
  STRENGTH("strength", Type.NUMBER),
  SECONDS("totalSeconds", Type.NUMBER, "seconds"),
  COST("cost", Type.NUMBER),
  DEVICE_SECONDS("deviceSeconds", Type.NUMBER, "device_seconds"),
  PARENT("parentId", Type.NUMBER, "parent"),
  PROMPT("prompt", Type.TEXT),
  NEGATIVE("negativePrompt", Type.TEXT, "negative"),
  MODEL("modelName", Type.TEXT, "model"),
  HASH("modelHash", Type.TEXT, "hash"),
  SAMPLER("sampler", Type.TEXT),
  SCHEDULE("schedule", Type.TEXT),
  RNG("rng", Type.TEXT),
  STATUS("status", Type.STATUS),
  DEVICE("device", Type.TEXT),
  ENGINE("engineVersion", Type.TEXT, "engine"),
  ERROR("error", Type.TEXT),
  NOTES("notes", Type.TEXT),
  TAG("tags", Type.TAG, "tag"),
  EXPERIMENT("experimentId", Type.EXPERIMENT, "experiment"),
  USER("userId", Type.USER, "user"),
  REPRODUCED("reproducedExactly", Type.BOOLEAN, "reproduced"),
  CREATED("createdAt", Type.TIME, "created");

  enum Type {
    NUMBER(Set.of("=", "!=", "<", "<=", ">", ">=")),
    TEXT(Set.of("=", "!=", "~", "!~")),
    STATUS(Set.of("=", "!=")),
    TAG(Set.of("=", "!=")),
    EXPERIMENT(Set.of("=", "!=", "~")),
    USER(Set.of("=", "!=")),
    BOOLEAN(Set.of("=", "!=")),
    TIME(Set.of("<", "<=", ">", ">="));

    final Set<String> operators;

    Type(Set<String> operators) {
      this.operators = operators;
    }
  }

  final String attribute;
  final Type type;
  final String queryName;

  QueryField(String attribute, Type type) {
    this(attribute, type, attribute);
  }

  QueryField(String attribute, Type type, String queryName) {
    this.attribute = attribute;
    this.type = type;
    this.queryName = queryName;
  }

  static Optional<QueryField> named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.queryName.equalsIgnoreCase(lower)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(f -> f.queryName).toList();
  }
}
