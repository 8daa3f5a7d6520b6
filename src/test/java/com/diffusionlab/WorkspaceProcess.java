package com.diffusionlab;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
  private static final List<String> JAR_LAUNCHER = List.of("-jar", JAR.toString());

  private final Process process;
  private final int port;
  private final Path log;

  private WorkspaceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** A workspace on a free port with a fresh data folder, once it is ready for work. */
  public static WorkspaceProcess start(Path dataDir, Path models) throws IOException {
    return start(dataDir, models, Map.of());
  }

  /**
   * A workspace on a free port (the data folder fresh or one a workspace used before), with
   * environment variables set or replaced, once it is ready for work.
   *
   * @param properties more Spring properties, {@code name=value}
   */
  public static WorkspaceProcess start(
      Path dataDir, Path models, Map<String, String> env, String... properties) throws IOException {
    WorkspaceProcess workspace =
        launch(
            dataDir,
            models,
            JAR_LAUNCHER,
            "serve",
            Arrays.stream(properties).map(property -> "--" + property).toList(),
            env);
    try {
      Awaitility.await("the second workspace ready")
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
    ProcessBuilder builder = builder(dataDir, models, JAR_LAUNCHER, List.of(command));
    builder.environment().putAll(env);
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("dlab " + String.join(" ", command) + " did not end");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * A workspace as {@link #start} makes one with one more bean, {@code source}: a test class (one
   * class file, nothing nested) that the jar's launcher loads from a folder of its own. Returned as
   * soon as the process runs, for tests that hold its start somewhere.
   *
   * @param properties more Spring properties, {@code name=value}
   */
  public static WorkspaceProcess launchWith(
      Path dataDir, Path models, Class<?> source, String... properties) throws IOException {
    Path classes = Files.createTempDirectory("dlab-extra-classes-");
    Path file = classes.resolve(source.getName().replace('.', '/') + ".class");
    Files.createDirectories(file.getParent());
    try (InputStream in = source.getResourceAsStream(source.getSimpleName() + ".class")) {
      Files.copy(in, file);
    }
    List<String> arguments = new ArrayList<>();
    arguments.add("--spring.main.sources=" + source.getName());
    Arrays.stream(properties).map(property -> "--" + property).forEach(arguments::add);
    return launch(
        dataDir,
        models,
        List.of(
            "-Dloader.path=" + classes,
            "-cp",
            JAR.toString(),
            "org.springframework.boot.loader.launch.PropertiesLauncher"),
        "serve",
        arguments,
        Map.of());
  }

  /**
   * {@code dlab worker}: a worker-only node (no HTTP port), returned once it claims jobs.
   *
   * @param env its database (SPRING_PROFILES_ACTIVE, DLAB_DB_URL, …) and node (DLAB_NODE_NAME, …)
   * @param properties more Spring properties, {@code name=value}
   */
  public static WorkspaceProcess worker(
      Path dataDir, Path models, Map<String, String> env, String... properties) throws IOException {
    WorkspaceProcess worker =
        launch(
            dataDir,
            models,
            JAR_LAUNCHER,
            "worker",
            Arrays.stream(properties).map(property -> "--" + property).toList(),
            env);
    try {
      Awaitility.await("the worker claiming jobs")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> worker.printed("claims jobs"));
    } catch (RuntimeException e) {
      worker.kill();
      throw new IllegalStateException("the worker did not start: " + worker.output(), e);
    }
    return worker;
  }

  private static WorkspaceProcess launch(
      Path dataDir,
      Path models,
      List<String> launcher,
      String role,
      List<String> springArguments,
      Map<String, String> env)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("dlab-" + role + "-", ".log");
    List<String> command = new ArrayList<>(List.of(role));
    if (role.equals("serve")) {
      command.addAll(List.of("--port", Integer.toString(port)));
    }
    command.addAll(springArguments);
    ProcessBuilder builder = builder(dataDir, models, launcher, command);
    builder.environment().putAll(env);
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new WorkspaceProcess(process, port, log);
  }

  /** What a command printed. */
  public record Result(int exit, String out, String err) {}

  private static ProcessBuilder builder(
      Path dataDir, Path models, List<String> launcher, List<String> command) {
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
    line.addAll(launcher);
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

  public boolean alive() {
    return process.isAlive();
  }

  /** Whether it says it accepts work: its models are registered, its runs and sweeps resumed. */
  public boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the workspace exited: " + output());
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the process printed {@code text} so far (while it runs). */
  public boolean printed(String text) {
    if (!process.isAlive()) {
      throw new IllegalStateException("the process exited: " + output());
    }
    return output().contains(text);
  }

  /** Ends the process as {@code kill -9} does: no shutdown hook runs, nothing is flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the workspace printed so far. */
  public String output() {
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
