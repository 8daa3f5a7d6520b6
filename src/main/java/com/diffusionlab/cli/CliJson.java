package com.diffusionlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** The CLI's JSON output: one line per document. */
final class CliJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CliJson() {}

  private static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Prints {@code value} as the command's one line of output, flushed at once for a pipe. */
  static void print(CommandSpec spec, Object value) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(write(value));
    out.flush();
  }
}
