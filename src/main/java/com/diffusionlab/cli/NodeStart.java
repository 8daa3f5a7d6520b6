package com.diffusionlab.cli;

import com.diffusionlab.DiffusionLabApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Option;

/**
 * What {@code dlab serve} and {@code dlab worker} share: the database option and starting the
 * application as a long-lived node (its threads keep the process alive).
 */
final class NodeStart {

  @Option(
      names = "--postgres",
      description = "Use PostgreSQL (DLAB_DB_URL, DLAB_DB_USER, DLAB_DB_PASSWORD).")
  private boolean postgres;

  /**
   * Starts the node with Spring's own arguments first, then the node's.
   *
   * @return null: picocli must not exit the process the node runs in
   */
  Integer start(List<String> springArguments, List<String> nodeArguments) {
    List<String> arguments = new ArrayList<>(springArguments);
    arguments.addAll(nodeArguments);
    if (postgres) {
      arguments.add("--spring.profiles.active=postgres");
    }
    try {
      SpringApplication.run(DiffusionLabApplication.class, arguments.toArray(String[]::new));
    } catch (RuntimeException failed) {
      throw StartFailure.explained(failed);
    }
    return null;
  }
}
