package com.diffusionlab.cli;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.internal.queue.QueueDatabase;
import com.diffusionlab.scheduling.internal.queue.QueueThroughput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlab bench-load}: the workspace under many concurrent API clients, bounded by counts and
 * seconds, on 127.0.0.1: no 5xx, no job lost, the rates and latency percentiles by endpoint.
 */
@Command(
    name = "bench-load",
    mixinStandardHelpOptions = true,
    description = {
      "Load test of the REST API. Starts the workspace in this process on 127.0.0.1 with a"
          + " temporary data folder (H2, or with --db-url a scratch database --database created on"
          + " that PostgreSQL server and dropped at the end) and the bundled model from --models."
          + " (a) --clients clients for --seconds each keep up to --in-flight small generations"
          + " (64×64, --steps steps) queued or running, submitting with POST /api/v1/generations and"
          + " polling GET /api/v1/runs/{id} every --poll-millis until each ends, then poll what is"
          + " left for up to --drain-seconds; every accepted run is then checked in the database."
          + " (b) --reads GET /api/v1/runs/{id} of the ended runs by --readers clients at once,"
          + " profiled with Java Flight Recorder. Then, with the workspace restarted without its"
          + " worker: (c) --submissions submissions by --submitters clients, (d) --reads / 4 GETs"
          + " of queued runs, (e) --submissions admissions by GenerationService itself, with"
          + " --submitters threads. Prints the figures and writes the report to --out."
    })
final class BenchLoadCommand implements Callable<Integer> {

  /** Clients that share one playground session. */
  private static final int CLIENTS_PER_SESSION = 4;

  /** The largest number of queued or running jobs a benchmark session allows. */
  private static final int SESSION_ROOM = 64;

  @Spec private CommandSpec spec;

  @Option(
      names = "--db-url",
      description = "A PostgreSQL server's JDBC URL (default: H2 in a temporary folder).")
  private String url;

  @Option(names = "--db-user", description = "The PostgreSQL user (may create databases).")
  private String user;

  @Option(names = "--db-password", description = "The PostgreSQL user's password.")
  private String password;

  @Option(
      names = "--database",
      defaultValue = "dlab_load_benchmark",
      description = "The scratch database created on the PostgreSQL server and dropped at the end.")
  private String database;

  @Option(
      names = "--models",
      defaultValue = "models",
      description = "The models folder with the bundled tiny-shapes model.")
  private Path models;

  @Option(names = "--clients", defaultValue = "24", description = "Clients of the mixed load.")
  private int clients;

  @Option(names = "--seconds", defaultValue = "60", description = "Seconds of the mixed load.")
  private int seconds;

  @Option(
      names = "--in-flight",
      defaultValue = "2",
      description = "Runs each client keeps queued or running.")
  private int inFlight;

  @Option(
      names = "--poll-millis",
      defaultValue = "250",
      description = "Each client's pause between rounds of polling.")
  private int pollMillis;

  @Option(
      names = "--drain-seconds",
      defaultValue = "120",
      description = "The most seconds the clients poll their last runs after the load.")
  private int drainSeconds;

  @Option(names = "--steps", defaultValue = "4", description = "Steps of each generation.")
  private int steps;

  @Option(names = "--readers", defaultValue = "16", description = "Clients reading runs at once.")
  private int readers;

  @Option(names = "--reads", defaultValue = "20000", description = "GET /runs/{id} to time.")
  private int reads;

  @Option(
      names = "--submissions",
      defaultValue = "2000",
      description = "Submissions timed over HTTP and in the service.")
  private int submissions;

  @Option(
      names = "--submitters",
      defaultValue = "8",
      description = "Clients (threads) submitting at once.")
  private int submitters;

  @Option(
      names = "--credential",
      defaultValue = "key",
      description =
          "How the clients sign in: key (an API key made for the run) or basic (HTTP Basic).")
  private String credential;

  @Option(names = "--out", defaultValue = "docs/benchmarks/load.md", description = "Report file.")
  private Path out;

  @Override
  public Integer call() throws Exception {
    check();
    PrintWriter progress = spec.commandLine().getErr();
    String loadBefore = QueueThroughput.loadAverage();
    Path data = Files.createTempDirectory("dlab-bench-load-");
    String jdbc = null;
    if (url != null) {
      jdbc = QueueDatabase.newPostgres(url, user, password, database).jdbcUrl();
    }
    String admin = BenchWorkspace.adminPassword();
    LoadClients.Job job = new LoadClients.Job("two red circles at the top", steps);
    try {
      LoadReport.WithWorker withWorker;
      progress.println("starting the workspace with its worker …");
      progress.flush();
      try (BenchWorkspace workspace =
          BenchWorkspace.start(jdbc, user, password, data, models, admin, true)) {
        withWorker = withWorker(workspace, job, progress);
      }
      progress.println("starting the workspace without its worker …");
      progress.flush();
      LoadReport.WithoutWorker withoutWorker;
      try (BenchWorkspace workspace =
          BenchWorkspace.start(jdbc, user, password, data, models, admin, false)) {
        withoutWorker = withoutWorker(workspace, job, progress);
      }
      LoadReport report =
          new LoadReport(
              url == null ? "H2 (the embedded default)" : "PostgreSQL (" + url + ")",
              withWorker,
              withoutWorker,
              loadBefore,
              QueueThroughput.loadAverage());
      String markdown = report.markdown();
      spec.commandLine().getOut().println(markdown);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, markdown);
      return report.passed() ? 0 : 1;
    } finally {
      if (url != null) {
        QueueDatabase.dropPostgres(url, user, password, database);
      }
      FileSystemUtils.deleteRecursively(data);
    }
  }

  /** (a) the mixed load and its accounting, (b) reads of the ended runs, profiled. */
  private LoadReport.WithWorker withWorker(
      BenchWorkspace workspace, LoadClients.Job job, PrintWriter progress) throws Exception {
    List<Long> sessions =
        sessions(workspace, (clients + CLIENTS_PER_SESSION - 1) / CLIENTS_PER_SESSION);
    LoadCredential signedIn = credential(workspace);
    LoadClients load = new LoadClients(workspace.address(), signedIn);
    progress.printf(
        "(a) %d clients for %d s, up to %d runs each, %s …%n",
        clients, seconds, inFlight, signedIn.description());
    progress.flush();
    LoadClients.Mixed mixed =
        load.mixed(job, sessions, clients, seconds, inFlight, pollMillis, drainSeconds);
    JobAccounting accounting =
        JobAccounting.check(
            workspace.bean(DataSource.class),
            mixed.accepted(),
            sessions,
            mixed.submissions().failed());
    progress.println("    " + LoadReport.line(mixed.submissions()));
    progress.println("    " + LoadReport.line(mixed.polls()));
    progress.println("    " + accounting.describe());
    progress.printf("(b) %d GET /runs/{id} of ended runs by %d clients …%n", reads, readers);
    progress.flush();
    // runs that stay queued would be read with their place in the queue: (d) measures those
    List<Long> ended =
        !mixed.endedRuns().isEmpty()
            ? mixed.endedRuns()
            : mixed.accepted().isEmpty() ? List.of(1L) : mixed.accepted();
    HotMethods.Profiled<RequestStats.Summary> endedReads =
        HotMethods.during(() -> load.reads(ended, readers, reads));
    progress.println("    " + LoadReport.line(endedReads.result()));
    progress.flush();
    return new LoadReport.WithWorker(
        signedIn.description(),
        sessions.size(),
        inFlight,
        pollMillis,
        steps,
        mixed,
        accounting,
        readers,
        endedReads.result(),
        endedReads.hot());
  }

  /** (c) submissions over HTTP, (d) reads of queued runs, (e) admissions in the service. */
  private LoadReport.WithoutWorker withoutWorker(
      BenchWorkspace workspace, LoadClients.Job job, PrintWriter progress) throws Exception {
    // room for the timed submissions and their warm-ups, over HTTP and in the service
    List<Long> sessions =
        sessions(workspace, (int) Math.ceil(2.2 * submissions / SESSION_ROOM) + 1);
    LoadClients load = new LoadClients(workspace.address(), credential(workspace));
    List<Long> accepted = new ArrayList<>();
    progress.printf("(c) %d submissions by %d clients …%n", submissions, submitters);
    progress.flush();
    load.submissions(job, sessions, submitters, Math.max(submitters, submissions / 10), accepted);
    HotMethods.Profiled<RequestStats.Summary> rest =
        HotMethods.during(() -> load.submissions(job, sessions, submitters, submissions, accepted));
    progress.println("    " + LoadReport.line(rest.result()));
    progress.printf("(d) %d GET /runs/{id} of queued runs by %d clients …%n", reads / 4, readers);
    progress.flush();
    List<Long> queued = accepted.isEmpty() ? List.of(1L) : accepted;
    HotMethods.Profiled<RequestStats.Summary> queuedReads =
        HotMethods.during(() -> load.reads(queued, readers, Math.max(readers, reads / 4)));
    progress.println("    " + LoadReport.line(queuedReads.result()));
    progress.printf(
        "(e) %d admissions by GenerationService, %d threads …%n", submissions, submitters);
    progress.flush();
    HotMethods.Profiled<RequestStats.Summary> service =
        HotMethods.during(
            () ->
                ServiceAdmissions.measure(
                    workspace.bean(GenerationService.class),
                    job,
                    sessions,
                    submitters,
                    submissions,
                    accepted));
    progress.println("    " + LoadReport.line(service.result()));
    JobAccounting accounting =
        JobAccounting.check(
            workspace.bean(DataSource.class), accepted, sessions, rest.result().failed());
    progress.println("    " + accounting.describe());
    progress.flush();
    return new LoadReport.WithoutWorker(
        submitters,
        sessions.size(),
        queued.size(),
        rest.result(),
        rest.hot(),
        queuedReads.result(),
        queuedReads.hot(),
        service.result(),
        service.hot(),
        accounting);
  }

  /** How the clients sign in, obtained once per workspace start. */
  private LoadCredential credential(BenchWorkspace workspace)
      throws IOException, InterruptedException {
    if (credential.equals("basic")) {
      return LoadCredential.basic("admin", workspace.adminPasswordInUse());
    }
    try (ServerClient admin = workspace.admin()) {
      return LoadCredential.apiKey(admin);
    }
  }

  /** New sessions of the administrator with room for {@value #SESSION_ROOM} jobs each. */
  private static List<Long> sessions(BenchWorkspace workspace, int count)
      throws IOException, InterruptedException {
    List<Long> sessions = new ArrayList<>();
    try (ServerClient admin = workspace.admin()) {
      for (int i = 0; i < count; i++) {
        sessions.add(
            admin
                .postJson(
                    "/sessions",
                    Map.of(
                        "name",
                        "bench-load " + UUID.randomUUID(),
                        "maxConcurrentJobs",
                        SESSION_ROOM,
                        "budgetDeviceSeconds",
                        1e9))
                .get("id")
                .asLong());
      }
    }
    return sessions;
  }

  /** Every bad option at once, before anything starts. */
  private void check() {
    List<FieldError> errors = new ArrayList<>();
    if (url != null && !url.startsWith("jdbc:postgresql://")) {
      errors.add(
          new FieldError(
              "--db-url", url, "a PostgreSQL JDBC URL, jdbc:postgresql://host:port/db, or none"));
    }
    if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
      errors.add(
          new FieldError(
              "--database",
              database,
              "lower-case letters, digits and _, starting with a letter, at most 63"));
    }
    range(errors, "--clients", clients, 1, 256);
    range(errors, "--seconds", seconds, 1, 3600);
    // four clients share a session of 64 jobs
    range(errors, "--in-flight", inFlight, 1, SESSION_ROOM / CLIENTS_PER_SESSION);
    range(errors, "--poll-millis", pollMillis, 10, 60_000);
    range(errors, "--drain-seconds", drainSeconds, 0, 3600);
    range(errors, "--steps", steps, 1, 50);
    range(errors, "--readers", readers, 1, 256);
    range(errors, "--reads", reads, 10, 10_000_000);
    range(errors, "--submissions", submissions, 10, 100_000);
    range(errors, "--submitters", submitters, 1, 256);
    if (!credential.equals("key") && !credential.equals("basic")) {
      errors.add(new FieldError("--credential", credential, "key or basic"));
    }
    if (!Files.isDirectory(models.resolve("tiny-shapes"))) {
      errors.add(
          new FieldError("--models", models.toString(), "a folder with the tiny-shapes model"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  private static void range(List<FieldError> errors, String option, int value, int min, int max) {
    if (value < min || value > max) {
      errors.add(new FieldError(option, String.valueOf(value), min + " to " + max));
    }
  }
}
