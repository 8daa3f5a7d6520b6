package com.diffusionlab.cli;

import com.diffusionlab.DiffusionLabApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
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

  @Option(
      names = "--postgres",
      description = "Use PostgreSQL (DLAB_DB_URL, DLAB_DB_USER, DLAB_DB_PASSWORD).")
  private boolean postgres;

  @Unmatched private List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> arguments = new ArrayList<>(springArguments);
    if (port != null) {
      arguments.add("--server.port=" + port);
    }
    if (postgres) {
      arguments.add("--spring.profiles.active=postgres");
    }
    try {
      SpringApplication.run(DiffusionLabApplication.class, arguments.toArray(String[]::new));
    } catch (RuntimeException failed) {
      throw StartFailure.explained(failed);
    }
    // the web server's threads keep the process alive; picocli must not exit it
    return null;
  }
}
