package com.diffusionlab.cli;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.scheduling.internal.queue.QueueDatabase;
import com.diffusionlab.scheduling.internal.queue.QueueSettings.Polling;
import com.diffusionlab.scheduling.internal.queue.QueueThroughput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlab bench-queue}: claims per second of the job queue on a PostgreSQL server, what the
 * queue costs a generation, submissions accepted per second by a real server, and the estimator's
 * error on a recorded workload.
 */
@Command(
    name = "bench-queue",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the job queue: claims per second of a no-op job with 1, 2 and 4 worker nodes (each"
          + " with its own connection pool and threads) on a PostgreSQL server, claiming by"
          + " lock-and-fetch (SKIP LOCKED) with every commit as the server does it, by"
          + " fetch-and-lock-on-execute, and by lock-and-fetch with the nodes' commits not waited"
          + " for (synchronous_commit = off, as the workers claim). It creates the database"
          + " --database on the server (dropped first if it exists, and at the end), so it needs a"
          + " user that may create databases. Then it starts the workspace in this process on a"
          + " second scratch database (--database with _workspace) and a temporary data folder,"
          + " with the bundled model from --models: it runs --generations small generations one"
          + " after another (the queue's wait and bookkeeping against the engine's time), and with"
          + " its worker off times --submissions POST /api/v1/generations from --clients clients."
          + " Last it replays the recorded workload --workload through the estimator. Prints"
          + " progress and writes the report to --out."
    })
final class BenchQueueCommand implements Callable<Integer> {

  /** The set-up the workspace's workers claim with on PostgreSQL. */
  private static final String WORKERS = "lock-and-fetch, the nodes' commits not waited for";

  @Spec private CommandSpec spec;

  @Option(
      names = "--db-url",
      defaultValue = "${env:DLAB_DB_URL}",
      description = "A PostgreSQL JDBC URL of the server (default $DLAB_DB_URL).")
  private String url;

  @Option(
      names = "--db-user",
      defaultValue = "${env:DLAB_DB_USER}",
      description = "Default $DLAB_DB_USER.")
  private String user;

  @Option(
      names = "--db-password",
      defaultValue = "${env:DLAB_DB_PASSWORD}",
      description = "Default $DLAB_DB_PASSWORD.")
  private String password;

  @Option(
      names = "--database",
      defaultValue = "dlab_queue_benchmark",
      description = "The scratch database to create and drop.")
  private String database;

  @Option(names = "--jobs", defaultValue = "5000", description = "No-op jobs per run.")
  private int jobs;

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,10",
      description = "Threads (device slots) per node.")
  private List<Integer> threads;

  @Option(names = "--repeats", defaultValue = "3", description = "Runs per figure (median).")
  private int repeats;

  @Option(names = "--out", defaultValue = "docs/benchmarks/queue.md", description = "Report file.")
  private Path out;

  @Option(
      names = "--models",
      defaultValue = "models",
      description = "The models folder with the bundled tiny-shapes model.")
  private Path models;

  @Option(
      names = "--generations",
      defaultValue = "10",
      description = "Generations for the queue's overhead per job.")
  private int generations;

  @Option(
      names = "--submissions",
      defaultValue = "2000",
      description = "Generations submitted over HTTP for the submission rate.")
  private int submissions;

  @Option(names = "--clients", defaultValue = "8", description = "HTTP clients submitting at once.")
  private int clients;

  @Option(
      names = "--workload",
      defaultValue = "src/test/resources/benchmarks/estimates-workload.csv",
      description = "A workload recorded by EstimatesWorkloadRecorder, replayed by the estimator.")
  private Path workload;

  @Override
  public Integer call() throws IOException, SQLException {
    check();
    QueueThroughput.Options standard = QueueThroughput.Options.standard();
    QueueThroughput benchmark =
        new QueueThroughput(
            new QueueThroughput.Options(
                jobs,
                threads,
                standard.nodeCounts(),
                repeats,
                standard.lower(),
                standard.upper(),
                Duration.ofMinutes(10)),
            spec.commandLine().getErr());
    QueueDatabase scratch = QueueDatabase.newPostgres(url, user, password, database);
    try {
      String loadBefore = QueueThroughput.loadAverage();
      List<QueueThroughput.Measurement> measurements =
          benchmark.measure(
              List.of(
                  new QueueThroughput.Setup(
                      "lock-and-fetch, every commit as the server does it",
                      scratch,
                      Polling.LOCK_AND_FETCH),
                  new QueueThroughput.Setup(
                      "fetch-and-lock-on-execute", scratch, Polling.FETCH_AND_LOCK_ON_EXECUTE),
                  new QueueThroughput.Setup(
                      WORKERS,
                      scratch.withSessionSql("set synchronous_commit = off"),
                      Polling.LOCK_AND_FETCH)));
      String claims =
          benchmark.markdown(
              measurements,
              "Measured by `dlab bench-queue` against a PostgreSQL server ("
                  + QueueThroughput.serverSettings(scratch)
                  + ")",
              List.of("- " + QueueThroughput.serverSettings(scratch)),
              loadBefore,
              QueueThroughput.loadAverage());
      QueueExtras extras =
          QueueExtras.measure(
              url,
              user,
              password,
              database + "_workspace",
              models,
              generations,
              submissions,
              clients,
              workload,
              spec.commandLine().getErr());
      String markdown = claims + extras.markdown(asTheWorkersClaim(measurements));
      spec.commandLine().getOut().println(markdown);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, markdown);
    } finally {
      QueueDatabase.dropPostgres(url, user, password, database);
    }
    return 0;
  }

  /** One node with the fewest threads, claiming as the workspace's workers do. */
  private static QueueThroughput.Measurement asTheWorkersClaim(
      List<QueueThroughput.Measurement> measurements) {
    return measurements.stream()
        .filter(m -> m.setup().name().equals(WORKERS) && m.nodes() == 1)
        .min(Comparator.comparingInt(QueueThroughput.Measurement::threads))
        .orElseThrow();
  }

  /** Every bad option at once, before the server is touched. */
  private void check() {
    List<FieldError> errors = new ArrayList<>();
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      errors.add(
          new FieldError(
              "--db-url",
              String.valueOf(url),
              "a PostgreSQL JDBC URL, jdbc:postgresql://host:port/db (or DLAB_DB_URL)"));
    }
    // the workspace's database is this name with _workspace
    if (!database.matches("[a-z][a-z0-9_]{0,52}")) {
      errors.add(
          new FieldError(
              "--database",
              database,
              "lower-case letters, digits and _, starting with a letter, at most 53"));
    }
    if (jobs < 100 || jobs > 1_000_000) {
      errors.add(new FieldError("--jobs", String.valueOf(jobs), "100 to 1000000"));
    }
    if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > 64)) {
      errors.add(new FieldError("--threads", threads.toString(), "1 to 64 each"));
    }
    if (generations < 1 || generations > 1_000) {
      errors.add(new FieldError("--generations", String.valueOf(generations), "1 to 1000"));
    }
    if (submissions < 100 || submissions > 1_000_000) {
      errors.add(new FieldError("--submissions", String.valueOf(submissions), "100 to 1000000"));
    }
    if (clients < 1 || clients > 256) {
      errors.add(new FieldError("--clients", String.valueOf(clients), "1 to 256"));
    }
    if (!Files.isDirectory(models.resolve("tiny-shapes"))) {
      errors.add(
          new FieldError("--models", models.toString(), "a folder with the tiny-shapes model"));
    }
    if (!Files.isRegularFile(workload)) {
      errors.add(
          new FieldError("--workload", workload.toString(), "a recorded workload (CSV file)"));
    }
    if (repeats < 1 || repeats > 10) {
      errors.add(new FieldError("--repeats", String.valueOf(repeats), "1 to 10"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
