package com.diffusionlab.cli;

import tools.jackson.databind.json.JsonMapper;

/** The CLI's JSON output: one line per document. */
final class CliJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CliJson() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
