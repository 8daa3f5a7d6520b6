package com.diffusionlab.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a phase of {@code dlab bench-load} spends the CPU, from Java Flight Recorder's execution
 * samples of every thread of this process (the server's and the clients'): each sample counted for
 * the library of its innermost frame that belongs to one of {@link #LAYERS}, and the workspace's
 * own methods by the samples they are anywhere on the stack of.
 *
 * @param samples execution samples taken
 * @param cpuSeconds the CPU time of the whole process (server and clients) meanwhile
 * @param layers samples by layer, most first
 * @param workspace samples with a method of the workspace's on the stack, by method, most first
 */
record HotMethods(
    int samples, double cpuSeconds, Map<String, Integer> layers, Map<String, Integer> workspace) {

  /** The layers a sample is counted for, by the package its innermost matching frame is in. */
  static final Map<String, List<String>> LAYERS = layerPackages();

  private static final int SHOWN = 12;

  private static Map<String, List<String>> layerPackages() {
    Map<String, List<String>> layers = new LinkedHashMap<>();
    layers.put("database driver (H2 / PostgreSQL JDBC)", List.of("org.h2.", "org.postgresql."));
    layers.put("connection pool", List.of("com.zaxxer."));
    layers.put("Hibernate / Spring Data", List.of("org.hibernate.", "org.springframework.data."));
    layers.put("JSON (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson."));
    layers.put("Spring Security", List.of("org.springframework.security."));
    layers.put(
        "Spring MVC and AOP (transactions, method security)", List.of("org.springframework."));
    layers.put(
        "Tomcat (HTTP server)",
        List.of("org.apache.tomcat.", "org.apache.coyote.", "org.apache.catalina."));
    layers.put("the workspace's code", List.of("com.diffusionlab."));
    layers.put(
        "benchmark clients (JDK HTTP client)", List.of("jdk.internal.net.http.", "java.net.http."));
    layers.put("the engine (DJL / native)", List.of("ai.djl."));
    return layers;
  }

  /** Runs {@code work} while recording, then reads the samples. */
  static <T> Profiled<T> during(Callable<T> work) throws Exception {
    OperatingSystemMXBean system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      long cpu = system.getProcessCpuTime();
      T result = work.call();
      double cpuSeconds = (system.getProcessCpuTime() - cpu) / 1e9;
      recording.stop();
      Path file = Files.createTempFile("dlab-bench-load-", ".jfr");
      try {
        recording.dump(file);
        return new Profiled<>(result, read(file, cpuSeconds));
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  /** What {@code work} returned, and where it spent the CPU. */
  record Profiled<T>(T result, HotMethods hot) {}

  static HotMethods read(Path file, double cpuSeconds) throws IOException {
    Map<String, Integer> layers = new HashMap<>();
    Map<String, Integer> workspace = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null) {
        continue;
      }
      samples++;
      layers.merge(layer(stack.getFrames()), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : stack.getFrames()) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("com.diffusionlab.") && !type.startsWith("com.diffusionlab.cli.")) {
          String method =
              type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$\\$.*", "")
                  + "."
                  + frame.getMethod().getName();
          if (seen.add(method)) {
            workspace.merge(method, 1, Integer::sum);
          }
        }
      }
    }
    return new HotMethods(
        samples, cpuSeconds, mostFirst(layers, Integer.MAX_VALUE), mostFirst(workspace, SHOWN));
  }

  /** The layer of the innermost frame in one of them; "the JDK and others" for none. */
  static String layer(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
        if (layer.getValue().stream().anyMatch(type::startsWith)) {
          return layer.getKey();
        }
      }
    }
    return "the JDK and others";
  }

  private static Map<String, Integer> mostFirst(Map<String, Integer> counts, int limit) {
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  /**
   * The CPU per answer and the two tables, shares of all samples.
   *
   * @param answers the requests answered meanwhile
   */
  String markdown(int answers) {
    int cores = Runtime.getRuntime().availableProcessors();
    double perAnswer = answers == 0 ? 0 : 1000 * cpuSeconds / answers;
    StringBuilder out =
        new StringBuilder(
            String.format(
                java.util.Locale.ROOT,
                "The process used %.1f s of CPU for %,d answers: %.2f ms each, server and client"
                    + " together, which would allow at most %,.0f answers/s on %d idle cores.%n%n",
                cpuSeconds,
                answers,
                perAnswer,
                perAnswer == 0 ? 0 : cores * 1000 / perAnswer,
                cores));
    out.append("| layer (innermost frame) | share of samples |\n| --- | ---: |\n");
    layers.forEach(
        (layer, n) ->
            out.append(
                String.format(
                    java.util.Locale.ROOT, "| %s | %.1f%% |%n", layer, 100.0 * n / samples)));
    out.append("\n| the workspace's method on the stack | share of samples |\n| --- | ---: |\n");
    workspace.forEach(
        (method, n) ->
            out.append(
                String.format(
                    java.util.Locale.ROOT, "| `%s` | %.1f%% |%n", method, 100.0 * n / samples)));
    return out.toString();
  }
}
