package com.diffusionlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code dlab serve} (also the jar with no command): the web workspace and its worker. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the web workspace (UI at http://localhost:8080, REST API at /api/v1, OpenAPI at"
          + " /api/docs) with the in-process worker. Data goes to DLAB_DATA_DIR (./data), models"
          + " are read from ./models. Spring options pass through, e.g. --server.port=9090."
    })
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", description = "HTTP port (default 8080 or $PORT).")
  private Integer port;

  @Mixin private NodeStart node = new NodeStart();

  @Unmatched private List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() {
    return node.start(springArguments, port == null ? List.of() : List.of("--server.port=" + port));
  }
}
