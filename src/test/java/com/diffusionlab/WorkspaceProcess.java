package com.diffusionlab;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The packaged jar as a second process, as users run it: a workspace of its own (fresh data folder)
 * on the given models, or a one-off command. Integration tests run after the jar is built.
 */
public final class WorkspaceProcess implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "Second-Kettle-Orchard-17";
  private static final Path JAR = Path.of("target/diffusion-lab.jar");

  private final Process process;
  private final int port;
  private final Path log;

  private WorkspaceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** A workspace on a free port with a fresh data folder, once it answers with its models. */
  public static WorkspaceProcess start(Path dataDir, Path models) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("dlab-workspace-", ".log");
    Process process =
        builder(dataDir, models, List.of("serve", "--port", Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    WorkspaceProcess workspace = new WorkspaceProcess(process, port, log);
    try {
      Awaitility.await("the second workspace answering")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(workspace::ready);
    } catch (RuntimeException e) {
      workspace.close();
      throw new IllegalStateException("the workspace did not start: " + workspace.output(), e);
    }
    return workspace;
  }

  /** Runs a {@code dlab} command to its end and gives its exit status and output. */
  public static Result run(Path dataDir, Path models, Duration timeout, String... command)
      throws IOException, InterruptedException {
    return run(dataDir, models, Map.of(), timeout, command);
  }

  /** {@link #run(Path, Path, Duration, String...)} with environment variables set or replaced. */
  public static Result run(
      Path dataDir, Path models, Map<String, String> env, Duration timeout, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("dlab-command-", ".out");
    Path err = Files.createTempFile("dlab-command-", ".err");
    ProcessBuilder builder = builder(dataDir, models, List.of(command));
    builder.environment().putAll(env);
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("dlab " + String.join(" ", command) + " did not end");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** What a command printed. */
  public record Result(int exit, String out, String err) {}

  private static ProcessBuilder builder(Path dataDir, Path models, List<String> command) {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(
        List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true",
            "-Xmx1g"));
    if (Runtime.version().feature() >= 23) {
      line.add("--sun-misc-unsafe-memory-access=allow");
    }
    line.addAll(List.of("-jar", JAR.toString()));
    line.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(line);
    Map<String, String> env = builder.environment();
    env.put("DLAB_DATA_DIR", dataDir.toString());
    env.put("DLAB_MODELS_DIR", models.toString());
    env.put("DLAB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // the same kernels as the test workspace, so that replays across processes are exact
    env.put("MKL_CBWR", "AUTO,STRICT");
    return builder;
  }

  public int port() {
    return port;
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the workspace exited: " + output());
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> models =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/models"))
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return models.statusCode() == 200 && models.body().contains("tiny-shapes");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
