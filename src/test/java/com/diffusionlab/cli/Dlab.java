package com.diffusionlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code dlab} command line run in process, with what it printed and its exit status. */
record Dlab(int exit, String out, String err) {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static Dlab run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DlabCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Dlab(exit, out.toString(), err.toString());
  }

  JsonNode json() {
    return JSON.readTree(out);
  }
}
