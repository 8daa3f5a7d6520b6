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
    WorkspaceProcess workspace = launch(dataDir, models, JAR_LAUNCHER, List.of());
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
        arguments);
  }

  private static WorkspaceProcess launch(
      Path dataDir, Path models, List<String> launcher, List<String> springArguments)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("dlab-workspace-", ".log");
    List<String> command = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
    command.addAll(springArguments);
    Process process =
        builder(dataDir, models, launcher, command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
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
