package com.diffusionlab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab export}: an experiment's or a query's runs from a workspace, as a file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports an experiment (by id or name) or the runs a query matches from a running workspace"
          + " as an HTML report, an Arrow file, CSV, or a ZIP bundle that another workspace can"
          + " import. The file is streamed to --out (written beside it, then moved into place);"
          + " progress goes to stderr."
    })
final class ExportCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server = new ServerOptions();

  @ArgGroup(multiplicity = "1")
  private Selection selection;

  static final class Selection {
    @Option(names = "--experiment", description = "An experiment's id or name.")
    String experiment;

    @Option(names = "--query", description = "A run query, e.g. \"cfg > 5 and sampler = euler\".")
    String query;
  }

  @Option(names = "--format", required = true, description = "html, arrow, csv or zip.")
  private String format;

  @Option(names = "--out", required = true, description = "The file to write.")
  private Path out;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("format", format);
    parameters.put("experiment", selection.experiment);
    parameters.put("query", selection.query);
    Path absolute = out.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial =
        Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
    try (ServerClient client = server.client()) {
      try (OutputStream file = Files.newOutputStream(partial)) {
        client.download(
            "/exports" + ServerClient.query(parameters),
            file,
            ServerClient.Progress.lines(err, "export"));
      }
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("file", out.toString());
    summary.put("bytes", Files.size(absolute));
    CliJson.print(spec, summary);
    return 0;
  }
}
