package com.diffusionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The workspace itself under {@code dlab bench-queue}: a real server started in this process on the
 * benchmark's database (a data folder of its own, the bundled model), driven over HTTP as a client
 * drives it. It measures what the queue costs a generation (the wait from submission to a worker's
 * start, and the bookkeeping after the engine's end, against the engine's own time) and how many
 * submissions per second {@code POST /api/v1/generations} accepts.
 */
final class WorkspaceThroughput implements AutoCloseable {

  /** The largest number of queued or running jobs a session's quota allows. */
  private static final int SESSION_ROOM = 64;

  /**
   * Medians over the runs, in seconds.
   *
   * @param generation the engine's time (loading, encoding, sampling, decoding)
   * @param queueWait from the submission's commit to a worker marking the run RUNNING
   * @param bookkeeping from RUNNING to SUCCEEDED, less the engine's time: storing the images, the
   *     fenced completion, the charge
   */
  record Overhead(int runs, double generation, double queueWait, double bookkeeping) {
    double share() {
      return (queueWait + bookkeeping) / (generation + queueWait + bookkeeping);
    }
  }

  record Submissions(int accepted, int threads, int sessions, double seconds) {
    double perSecond() {
      return accepted / seconds;
    }
  }

  private final BenchWorkspace workspace;
  private final ServerClient admin;

  private WorkspaceThroughput(BenchWorkspace workspace) {
    this.workspace = workspace;
    this.admin = workspace.admin();
  }

  /** A password for the workspace's administrator that its policy accepts. */
  static String adminPassword() {
    return BenchWorkspace.adminPassword();
  }

  /** Starts the workspace on the database: {@link BenchWorkspace#start}. */
  static WorkspaceThroughput start(
      String url,
      String user,
      String password,
      Path data,
      Path models,
      String admin,
      boolean runsJobs) {
    return new WorkspaceThroughput(
        BenchWorkspace.start(url, user, password, data, models, admin, runsJobs));
  }

  /**
   * Generations of the bundled model (64×64, 20 steps) one after another on an idle worker, each
   * submitted once the one before has ended, after one that loads the model.
   */
  Overhead overhead(int runs, PrintWriter progress) throws IOException, InterruptedException {
    generate(0);
    double[] generation = new double[runs];
    double[] wait = new double[runs];
    double[] bookkeeping = new double[runs];
    for (int i = 0; i < runs; i++) {
      JsonNode run = generate(i + 1);
      double engine = run.get("timings").get("total").asDouble();
      Instant started = Instant.parse(run.get("startedAt").asString());
      Instant finished = Instant.parse(run.get("finishedAt").asString());
      generation[i] = engine;
      wait[i] = run.get("timings").get("queueWait").asDouble();
      bookkeeping[i] = Duration.between(started, finished).toNanos() / 1e9 - engine;
    }
    Overhead overhead = new Overhead(runs, median(generation), median(wait), median(bookkeeping));
    progress.printf(
        "overhead: generation %.3f s, queue wait %.4f s, bookkeeping %.4f s (medians of %d)%n",
        overhead.generation(), overhead.queueWait(), overhead.bookkeeping(), runs);
    progress.flush();
    return overhead;
  }

  private JsonNode generate(int seed) throws IOException, InterruptedException {
    long id =
        admin
            .postJson(
                "/generations",
                Map.of("prompt", "two red circles at the top", "steps", 20, "seed", seed))
            .get("id")
            .asLong();
    while (true) {
      JsonNode run = admin.get("/runs/" + id);
      String status = run.get("status").asString();
      if (status.equals("SUCCEEDED")) {
        return run;
      }
      if (!status.matches("QUEUED|RUNNING")) {
        throw new IllegalStateException("run " + id + " ended " + status + ": " + run.get("error"));
      }
      Thread.sleep(10);
    }
  }

  /**
   * {@code count} generations submitted over HTTP by {@code threads} clients at once, after a
   * warm-up of a tenth as many; every request is signed in with an API key made for the run, as
   * scripts do. A session holds at most {@value #SESSION_ROOM} queued jobs, so the submissions go
   * round the sessions of one user, made for them with a budget that never runs out; nobody runs
   * the jobs meanwhile.
   */
  Submissions submissions(int count, int threads, PrintWriter progress)
      throws IOException, InterruptedException {
    String key =
        admin
            .postJson(
                "/keys",
                Map.of("name", "dlab bench-queue " + UUID.randomUUID(), "scope", "GENERATE"))
            .get("secret")
            .asText();
    try (ServerClient script = ServerClient.withApiKey(workspace.address(), key)) {
      submit(script, sessions(Math.max(1, count / 10)), Math.max(threads, count / 10), threads);
      List<Long> sessions = sessions(count);
      long start = System.nanoTime();
      int accepted = submit(script, sessions, count, threads);
      double seconds = (System.nanoTime() - start) / 1e9;
      return reported(new Submissions(accepted, threads, sessions.size(), seconds), progress);
    }
  }

  private static Submissions reported(Submissions submissions, PrintWriter progress) {
    progress.printf(
        "submissions: %d accepted in %.2f s by %d clients: %.0f/s%n",
        submissions.accepted(),
        submissions.seconds(),
        submissions.threads(),
        submissions.perSecond());
    progress.flush();
    return submissions;
  }

  /** Sessions with room for {@code jobs} queued jobs in all. */
  private List<Long> sessions(int jobs) throws IOException, InterruptedException {
    List<Long> sessions = new ArrayList<>();
    for (int i = 0; i < (jobs + SESSION_ROOM - 1) / SESSION_ROOM; i++) {
      sessions.add(
          admin
              .postJson(
                  "/sessions",
                  Map.of(
                      "name",
                      "bench " + UUID.randomUUID(),
                      "maxConcurrentJobs",
                      SESSION_ROOM,
                      "budgetDeviceSeconds",
                      1e9))
              .get("id")
              .asLong());
    }
    return sessions;
  }

  private static int submit(ServerClient client, List<Long> sessions, int count, int threads)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Callable<Integer>> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      clients.add(
          () -> {
            int accepted = 0;
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              client.postJson(
                  "/generations",
                  Map.of(
                      "prompt",
                      "two red circles at the top",
                      "seed",
                      i,
                      "sessionId",
                      sessions.get(i % sessions.size())));
              accepted++;
            }
            return accepted;
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      int accepted = 0;
      for (Future<Integer> done : pool.invokeAll(clients)) {
        accepted += done.get();
      }
      return accepted;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a submission was refused: " + e.getCause().getMessage(), e);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @Override
  public void close() {
    admin.close();
    workspace.close();
  }
}
