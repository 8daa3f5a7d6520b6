package com.diffusionlab.cli;

import com.diffusionlab.DiffusionLabApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workspace started in this process for a benchmark ({@code dlab bench-queue}, {@code dlab
 * bench-load}): a real server on 127.0.0.1 with a free port, a data folder of its own, the bundled
 * model, quiet in the log, driven over HTTP as a client drives it. Its rate limits are raised far
 * above what the clients can ask: the limiter runs on every request and costs what it costs, but
 * refuses none, so that what is measured is the workspace's capacity, not its policy.
 */
final class BenchWorkspace implements AutoCloseable {

  /** Requests a second (and a burst) that no benchmark on one machine reaches. */
  private static final long UNTHROTTLED = 1_000_000;

  private final ConfigurableApplicationContext context;
  private final String adminPassword;

  private BenchWorkspace(ConfigurableApplicationContext context, String adminPassword) {
    this.context = context;
    this.adminPassword = adminPassword;
  }

  /** A password for the workspace's administrator that its policy accepts. */
  static String adminPassword() {
    return "Bench-Queue-Lantern-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Starts the workspace.
   *
   * @param url a JDBC URL, or null for the embedded default (H2 in {@code data})
   * @param admin the administrator's password, set at the database's first start
   * @param runsJobs whether its worker runs jobs (else submissions only queue)
   */
  static BenchWorkspace start(
      String url,
      String user,
      String password,
      Path data,
      Path models,
      String admin,
      boolean runsJobs) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "logging.level.root=WARN",
                "logging.level.com.diffusionlab=WARN",
                "vaadin.productionMode=true",
                "dlab.data-dir=" + data.toAbsolutePath(),
                "dlab.models-dir=" + models.toAbsolutePath(),
                "dlab.admin.password=" + admin));
    for (String caller : List.of("user", "key")) {
      for (String limit :
          List.of("read-burst", "reads-per-second", "write-burst", "writes-per-second")) {
        properties.add("dlab.rate-limits." + caller + "." + limit + "=" + UNTHROTTLED);
      }
    }
    if (url != null) {
      properties.add("spring.datasource.url=" + url);
      properties.add("spring.datasource.username=" + (user == null ? "" : user));
      properties.add("spring.datasource.password=" + (password == null ? "" : password));
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(DiffusionLabApplication.class)
            .properties(properties.toArray(String[]::new))
            // an argument, so that it outranks application.properties (which reads DLAB_WEB_WORKER)
            .run("--dlab.worker.on-web-node=" + runsJobs);
    return new BenchWorkspace(context, admin);
  }

  /** Where it serves, e.g. {@code http://127.0.0.1:40123}. */
  String address() {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** The administrator, signing every request in with HTTP Basic. */
  ServerClient admin() {
    return new ServerClient(address(), "admin", adminPassword);
  }

  String adminPasswordInUse() {
    return adminPassword;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
