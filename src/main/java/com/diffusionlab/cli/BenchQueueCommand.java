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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab bench-queue}: claims per second of the job queue on a PostgreSQL server. */
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
          + " user that may create databases. Prints progress and writes the report to --out."
    })
final class BenchQueueCommand implements Callable<Integer> {

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
                      "lock-and-fetch, the nodes' commits not waited for",
                      scratch.withSessionSql("set synchronous_commit = off"),
                      Polling.LOCK_AND_FETCH)));
      String markdown =
          benchmark.markdown(
              measurements,
              "Measured by `dlab bench-queue` against a PostgreSQL server ("
                  + QueueThroughput.serverSettings(scratch)
                  + ")",
              List.of("- " + QueueThroughput.serverSettings(scratch)),
              loadBefore,
              QueueThroughput.loadAverage());
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
    if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
      errors.add(
          new FieldError(
              "--database", database, "lower-case letters, digits and _, starting with a letter"));
    }
    if (jobs < 100 || jobs > 1_000_000) {
      errors.add(new FieldError("--jobs", String.valueOf(jobs), "100 to 1000000"));
    }
    if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > 64)) {
      errors.add(new FieldError("--threads", threads.toString(), "1 to 64 each"));
    }
    if (repeats < 1 || repeats > 10) {
      errors.add(new FieldError("--repeats", String.valueOf(repeats), "1 to 10"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
