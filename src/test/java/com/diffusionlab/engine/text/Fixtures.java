package com.diffusionlab.engine.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the oracle fixtures under src/test/resources; each file's "provenance" field says how its
 * expected values were produced (reference Python code run outside this repository).
 */
final class Fixtures {

  private Fixtures() {}

  /** The "cases" array of a fixture file. */
  static List<JsonNode> cases(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("fixture " + resource + " is missing");
      }
      List<JsonNode> cases = new ArrayList<>();
      JsonMapper.builder().build().readTree(in).get("cases").forEach(cases::add);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).intValue();
    }
    return values;
  }

  /** Python floats as torch turns them into float32: rounded to nearest. */
  static float[] floats(JsonNode array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) array.get(i).doubleValue();
    }
    return values;
  }

  /** A string with control and non-ASCII characters escaped, for test names. */
  static String visible(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
              } else {
                out.append(String.format("\\u{%X}", c));
              }
            });
    return out.toString();
  }
}
