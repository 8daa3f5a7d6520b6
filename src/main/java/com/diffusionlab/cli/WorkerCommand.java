package com.diffusionlab.cli;

import com.diffusionlab.DiffusionLabApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code dlab worker}: a node that only runs jobs, beside web nodes on a shared database. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a worker-only node: no web UI and no REST API. It claims jobs from the queue in the"
          + " shared PostgreSQL database (--postgres or SPRING_PROFILES_ACTIVE=postgres, with"
          + " DLAB_DB_URL, DLAB_DB_USER, DLAB_DB_PASSWORD) and runs them on DLAB_DEVICE,"
          + " DLAB_WORKER_SLOTS at once, as DLAB_NODE_NAME (default: the host name), writing images"
          + " to DLAB_DATA_DIR/artifacts, which the web nodes must share. Stops on SIGTERM after"
          + " its running jobs (at most dlab.queue.shutdown-max-wait)."
    })
final class WorkerCommand implements Callable<Integer> {

  /** Vaadin's auto-configurations need a web application, which a worker is not. */
  private static final String WEB_ONLY =
      String.join(
          ",",
          "com.vaadin.flow.spring.SpringBootAutoConfiguration",
          "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
          "com.vaadin.flow.spring.VaadinScopesConfig");

  @Option(
      names = "--postgres",
      description = "Use PostgreSQL (DLAB_DB_URL, DLAB_DB_USER, DLAB_DB_PASSWORD).")
  private boolean postgres;

  @Unmatched private List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> arguments = new ArrayList<>(springArguments);
    arguments.add("--dlab.node.role=worker");
    arguments.add("--spring.main.web-application-type=none");
    arguments.add("--spring.autoconfigure.exclude=" + WEB_ONLY);
    if (postgres) {
      arguments.add("--spring.profiles.active=postgres");
    }
    try {
      SpringApplication.run(DiffusionLabApplication.class, arguments.toArray(String[]::new));
    } catch (RuntimeException failed) {
      throw StartFailure.explained(failed);
    }
    // the worker's threads keep the process alive; picocli must not exit it
    return null;
  }
}
