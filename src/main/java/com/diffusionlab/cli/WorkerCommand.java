package com.diffusionlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin private NodeStart node = new NodeStart();

  @Unmatched private List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() {
    return node.start(
        springArguments,
        List.of(
            "--dlab.node.role=worker",
            "--spring.main.web-application-type=none",
            "--spring.autoconfigure.exclude=" + WEB_ONLY));
  }
}
