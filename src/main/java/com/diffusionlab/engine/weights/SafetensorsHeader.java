package com.diffusionlab.engine.weights;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * A parsed and fully validated safetensors header. The header is hostile input: it is read with a
 * streaming parser so that no construct in it can make memory grow beyond a small multiple of its
 * size, and every declared tensor is checked against the data region before any is read.
 */
record SafetensorsHeader(Map<String, String> metadata, SequencedMap<String, TensorInfo> tensors) {
  static final String METADATA_KEY = "__metadata__";

  /** The limit the reference implementation sets. */
  static final long MAX_HEADER_BYTES = 100_000_000;

  /** More dimensions than any model uses; bounds what a hostile shape can make us hold. */
  static final int MAX_DIMENSIONS = 64;

  /**
   * Caps on what one header may declare.
   *
   * @param maxTensors far more than any checkpoint holds (thousands), yet a 100 MB header could
   *     declare two million: the default keeps the parsed header within a few hundred MB of heap
   * @param maxMetadataEntries far more than any file holds, capped for the same reason
   */
  record Limits(int maxTensors, int maxMetadataEntries) {
    static final Limits DEFAULT = new Limits(1_000_000, 65_536);
  }

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength((int) MAX_HEADER_BYTES)
                  .maxNameLength((int) MAX_HEADER_BYTES)
                  .build())
          .build();

  /**
   * Parses {@code json}, the header bytes of {@code file}, whose data region is {@code dataLength}
   * bytes long, refusing headers beyond {@code limits}.
   *
   * @throws InvalidSafetensorsException for any malformed, inconsistent or out-of-range content
   */
  static SafetensorsHeader parse(Path file, byte[] json, long dataLength, Limits limits) {
    if (json.length == 0 || json[0] != '{') {
      throw new InvalidSafetensorsException(file, "header does not start with '{'");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, TensorInfo> declared = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
      new Reader(file, parser, limits).readRoot(metadata, declared);
    } catch (JacksonException e) {
      throw new InvalidSafetensorsException(
          file, "header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new SafetensorsHeader(
        Collections.unmodifiableMap(metadata), checkLayout(file, declared.values(), dataLength));
  }

  private static SequencedMap<String, TensorInfo> checkLayout(
      Path file, Collection<TensorInfo> declared, long dataLength) {
    for (TensorInfo tensor : declared) {
      if (tensor.end() > dataLength) {
        throw new InvalidSafetensorsException(
            file,
            tensor.name(),
            "data_offsets ["
                + tensor.begin()
                + ", "
                + tensor.end()
                + "] reach past the end of the data region ("
                + dataLength
                + " bytes)");
      }
    }
    List<TensorInfo> byOffset =
        declared.stream()
            .sorted(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end))
            .toList();
    SequencedMap<String, TensorInfo> ordered = new LinkedHashMap<>();
    long covered = 0;
    String previous = null;
    for (TensorInfo tensor : byOffset) {
      if (tensor.begin() < covered) {
        throw new InvalidSafetensorsException(
            file,
            tensor.name(),
            "bytes ["
                + tensor.begin()
                + ", "
                + tensor.end()
                + ") overlap tensor '"
                + previous
                + "'");
      }
      if (tensor.begin() > covered) {
        throw new InvalidSafetensorsException(
            file,
            tensor.name(),
            "the "
                + (tensor.begin() - covered)
                + " bytes before it (from offset "
                + covered
                + ") belong to no tensor; the data region must be fully covered");
      }
      covered = tensor.end();
      previous = tensor.name();
      ordered.put(tensor.name(), tensor);
    }
    if (covered != dataLength) {
      throw new InvalidSafetensorsException(
          file,
          "the last "
              + (dataLength - covered)
              + " bytes of the data region belong to no tensor; the data region must be fully"
              + " covered");
    }
    return Collections.unmodifiableSequencedMap(ordered);
  }

  /** Reads the JSON structure of a header, checking types as it goes. */
  private record Reader(Path file, JsonParser parser, Limits limits) {

    void readRoot(Map<String, String> metadata, Map<String, TensorInfo> tensors) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidSafetensorsException(file, "header is not a JSON object");
      }
      boolean metadataSeen = false;
      String name;
      while ((name = parser.nextName()) != null) {
        if (name.equals(METADATA_KEY)) {
          if (metadataSeen) {
            throw new InvalidSafetensorsException(file, METADATA_KEY + " is declared twice");
          }
          metadataSeen = true;
          readMetadata(metadata);
        } else {
          if (tensors.containsKey(name)) {
            throw new InvalidSafetensorsException(file, name, "is declared twice");
          }
          if (tensors.size() == limits.maxTensors()) {
            throw new InvalidSafetensorsException(
                file, "header declares more than " + limits.maxTensors() + " tensors");
          }
          tensors.put(name, readTensor(name));
        }
      }
      if (parser.nextToken() != null) {
        throw new InvalidSafetensorsException(file, "header has content after its closing '}'");
      }
    }

    private void readMetadata(Map<String, String> metadata) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      if (token != JsonToken.START_OBJECT) {
        throw new InvalidSafetensorsException(
            file, METADATA_KEY + " must be an object of strings, found " + token);
      }
      String key;
      while ((key = parser.nextName()) != null) {
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
          throw new InvalidSafetensorsException(
              file,
              METADATA_KEY
                  + " value of '"
                  + key
                  + "' must be a string, found "
                  + parser.currentToken());
        }
        if (metadata.size() == limits.maxMetadataEntries()) {
          throw new InvalidSafetensorsException(
              file, METADATA_KEY + " has more than " + limits.maxMetadataEntries() + " entries");
        }
        if (metadata.putIfAbsent(key, parser.getString()) != null) {
          throw new InvalidSafetensorsException(
              file, METADATA_KEY + " key '" + key + "' is declared twice");
        }
      }
    }

    private TensorInfo readTensor(String name) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidSafetensorsException(
            file, name, "entry must be a JSON object, found " + parser.currentToken());
      }
      String dtypeName = null;
      long[] shape = null;
      long[] offsets = null;
      String field;
      while ((field = parser.nextName()) != null) {
        switch (field) {
          case "dtype" -> {
            requireFirst(name, field, dtypeName);
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
              throw new InvalidSafetensorsException(
                  file, name, "'dtype' must be a string, found " + parser.currentToken());
            }
            dtypeName = parser.getString();
          }
          case "shape" -> {
            requireFirst(name, field, shape);
            shape = readCounts(name, field, MAX_DIMENSIONS);
          }
          case "data_offsets" -> {
            requireFirst(name, field, offsets);
            offsets = readCounts(name, field, 2);
          }
          default -> {
            parser.nextToken();
            parser.skipChildren();
          }
        }
      }
      requirePresent(name, "dtype", dtypeName);
      requirePresent(name, "shape", shape);
      requirePresent(name, "data_offsets", offsets);
      return toTensor(name, dtypeName, shape, offsets);
    }

    private TensorInfo toTensor(String name, String dtypeName, long[] shape, long[] offsets) {
      if (offsets.length != 2 || offsets[0] > offsets[1]) {
        throw new InvalidSafetensorsException(
            file,
            name,
            "data_offsets must be [begin, end] with begin <= end, found "
                + Arrays.toString(offsets));
      }
      SafetensorsDtype dtype;
      long bytes;
      try {
        dtype = SafetensorsDtype.parse(dtypeName);
        bytes = ShapeMath.byteSize(shape, dtype);
      } catch (IllegalArgumentException e) {
        throw new InvalidSafetensorsException(file, name, e.getMessage());
      }
      if (bytes != offsets[1] - offsets[0]) {
        throw new InvalidSafetensorsException(
            file,
            name,
            "shape "
                + Arrays.toString(shape)
                + " of "
                + dtype
                + " needs "
                + bytes
                + " bytes but data_offsets "
                + Arrays.toString(offsets)
                + " span "
                + (offsets[1] - offsets[0]));
      }
      return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** An array of at most {@code max} non-negative integers that fit a long. */
    private long[] readCounts(String name, String field, int max) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new InvalidSafetensorsException(
            file,
            name,
            "'" + field + "' must be an array of integers, found " + parser.currentToken());
      }
      long[] values = new long[max];
      int count = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
          throw new InvalidSafetensorsException(
              file, name, "'" + field + "' must hold integers only, found " + token);
        }
        if (count == max) {
          throw new InvalidSafetensorsException(
              file, name, "'" + field + "' has more than " + max + " entries");
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw new InvalidSafetensorsException(
              file, name, "'" + field + "' value " + parser.getString() + " is too large");
        }
        long value = parser.getLongValue();
        if (value < 0) {
          throw new InvalidSafetensorsException(
              file, name, "'" + field + "' has a negative value " + value);
        }
        values[count++] = value;
      }
      return Arrays.copyOf(values, count);
    }

    private void requireFirst(String name, String field, Object current) {
      if (current != null) {
        throw new InvalidSafetensorsException(file, name, "'" + field + "' is given twice");
      }
    }

    private void requirePresent(String name, String field, Object value) {
      if (value == null) {
        throw new InvalidSafetensorsException(file, name, "'" + field + "' is missing");
      }
    }
  }
}
