package com.diffusionlab.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API clients of {@code dlab bench-load}: threads that each hold their own HTTP connection and
 * send the one credential with every request, timing each answer by the kind of request. Bounded by
 * counts and seconds; a request with no answer within {@link #TIMEOUT} counts as failed.
 */
final class LoadClients {

  static final String SUBMIT = "POST /generations";
  static final String POLL = "GET /runs/{id}";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String api;
  private final LoadCredential credential;

  LoadClients(String address, LoadCredential credential) {
    this.api = address + "/api/v1";
    this.credential = credential;
  }

  /**
   * What a generation's submission carries.
   *
   * @param steps few, so that the worker keeps up with many clients
   */
  record Job(String prompt, int steps) {
    String body(long sessionId, int seed) {
      return JSON.writeValueAsString(
          Map.of(
              "prompt",
              prompt,
              "steps",
              steps,
              "seed",
              seed,
              "sessionId",
              sessionId,
              "experiment",
              "bench-load"));
    }
  }

  /**
   * The mixed load's outcome.
   *
   * @param accepted every run a submission was answered 202 for
   * @param endedRuns the runs the clients saw end
   * @param ended how they ended, by status
   * @param unfinished runs still queued or running when the clients stopped polling
   */
  record Mixed(
      int clients,
      int seconds,
      RequestStats.Summary submissions,
      RequestStats.Summary polls,
      List<Long> accepted,
      List<Long> endedRuns,
      Map<String, Integer> ended,
      int unfinished) {}

  /**
   * {@code clients} clients for {@code seconds}: each keeps up to {@code inFlight} of its runs
   * queued or running, submitting a new one when it has room and polling each of its runs every
   * {@code pollMillis} until it ends; then they stop submitting and poll what is left for up to
   * {@code drainSeconds}. The clients go round {@code sessions}.
   */
  Mixed mixed(
      Job job,
      List<Long> sessions,
      int clients,
      int seconds,
      int inFlight,
      int pollMillis,
      int drainSeconds)
      throws InterruptedException {
    RequestStats submissions = new RequestStats(SUBMIT);
    RequestStats polls = new RequestStats(POLL);
    ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();
    Map<String, Integer> ended = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Long> endedRuns = new ConcurrentLinkedQueue<>();
    AtomicInteger unfinished = new AtomicInteger();
    AtomicInteger seeds = new AtomicInteger();
    long start = System.nanoTime();
    long submitUntil = start + Duration.ofSeconds(seconds).toNanos();
    long pollUntil = submitUntil + Duration.ofSeconds(drainSeconds).toNanos();
    run(
        clients,
        client ->
            () -> {
              long session = sessions.get(client % sessions.size());
              List<Long> mine = new ArrayList<>();
              try (HttpClient http = http()) {
                while (System.nanoTime() < pollUntil
                    && (System.nanoTime() < submitUntil || !mine.isEmpty())) {
                  if (System.nanoTime() < submitUntil && mine.size() < inFlight) {
                    HttpResponse<String> answer =
                        send(
                            http,
                            post("/generations", job.body(session, seeds.getAndIncrement())),
                            submissions);
                    if (answer != null && answer.statusCode() == 202) {
                      long id = JSON.readTree(answer.body()).get("id").asLong();
                      accepted.add(id);
                      mine.add(id);
                    }
                  }
                  for (Iterator<Long> runs = mine.iterator(); runs.hasNext(); ) {
                    long run = runs.next();
                    HttpResponse<String> answer = send(http, get("/runs/" + run), polls);
                    if (answer != null && answer.statusCode() == 200) {
                      String status = status(answer.body());
                      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                        ended.merge(status, 1, Integer::sum);
                        endedRuns.add(run);
                        runs.remove();
                      }
                    }
                  }
                  Thread.sleep(pollMillis);
                }
              }
              unfinished.addAndGet(mine.size());
              return null;
            });
    double total = (System.nanoTime() - start) / 1e9;
    return new Mixed(
        clients,
        seconds,
        submissions.summary(seconds),
        polls.summary(total),
        List.copyOf(accepted),
        List.copyOf(endedRuns),
        Map.copyOf(ended),
        unfinished.get());
  }

  /**
   * {@code count} {@code GET /runs/{id}} by {@code clients} clients at once, going round {@code
   * runs}, after a warm-up of a tenth as many (not counted).
   */
  RequestStats.Summary reads(List<Long> runs, int clients, int count) throws InterruptedException {
    reads(runs, clients, Math.max(clients, count / 10), new RequestStats(POLL));
    RequestStats reads = new RequestStats(POLL);
    long start = System.nanoTime();
    reads(runs, clients, count, reads);
    return reads.summary((System.nanoTime() - start) / 1e9);
  }

  private void reads(List<Long> runs, int clients, int count, RequestStats stats)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    run(
        clients,
        client ->
            () -> {
              try (HttpClient http = http()) {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                  send(http, get("/runs/" + runs.get(i % runs.size())), stats);
                }
              }
              return null;
            });
  }

  /**
   * {@code count} submissions by {@code clients} clients at once, going round {@code sessions};
   * nothing polled. Every run a submission was answered 202 for is added to {@code accepted}.
   */
  RequestStats.Summary submissions(
      Job job, List<Long> sessions, int clients, int count, List<Long> accepted)
      throws InterruptedException {
    RequestStats stats = new RequestStats(SUBMIT);
    ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    run(
        clients,
        client ->
            () -> {
              try (HttpClient http = http()) {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                  HttpResponse<String> answer =
                      send(
                          http,
                          post("/generations", job.body(sessions.get(i % sessions.size()), i)),
                          stats);
                  if (answer != null && answer.statusCode() == 202) {
                    ids.add(JSON.readTree(answer.body()).get("id").asLong());
                  }
                }
              }
              return null;
            });
    RequestStats.Summary summary = stats.summary((System.nanoTime() - start) / 1e9);
    accepted.addAll(ids);
    return summary;
  }

  /** The run's status, read from its answer. */
  private static String status(String body) {
    JsonNode run = JSON.readTree(body);
    return run.get("status").asString();
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest post(String path, String json) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(api + path))
        .timeout(TIMEOUT)
        .header(credential.header(), credential.value());
  }

  /** One client's connection: HTTP/1.1 kept alive, as scripts' clients do. */
  private static HttpClient http() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
  }

  /** Sends and times the request; null when it got no answer. */
  private static HttpResponse<String> send(HttpClient http, HttpRequest request, RequestStats stats)
      throws InterruptedException {
    long sent = System.nanoTime();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      stats.record(answer.statusCode(), System.nanoTime() - sent);
      return answer;
    } catch (IOException noAnswer) {
      stats.failed();
      return null;
    }
  }

  /** Runs {@code clients} clients at once until each has returned. */
  private static void run(int clients, IntFunction<Callable<Void>> client)
      throws InterruptedException {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      tasks.add(client.apply(i));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a client stopped: " + e.getCause().getMessage(), e);
    }
  }
}
