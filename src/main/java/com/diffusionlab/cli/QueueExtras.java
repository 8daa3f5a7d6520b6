package com.diffusionlab.cli;

import com.diffusionlab.scheduling.internal.EstimateReplay;
import com.diffusionlab.scheduling.internal.EstimateReplay.Group;
import com.diffusionlab.scheduling.internal.EstimateReplay.Outcome;
import com.diffusionlab.scheduling.internal.EstimateReplay.Workload;
import com.diffusionlab.scheduling.internal.queue.QueueDatabase;
import com.diffusionlab.scheduling.internal.queue.QueueThroughput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.springframework.util.FileSystemUtils;

/**
 * What {@code dlab bench-queue} measures beyond claims per second: the queue's cost per generation,
 * submissions accepted per second by a real server, and the estimator's error on a recorded
 * workload. Each figure is set against its prediction, written before the first measurement.
 */
record QueueExtras(
    WorkspaceThroughput.Overhead overhead,
    WorkspaceThroughput.Submissions submissions,
    Workload workload,
    List<Outcome> estimates,
    String loadBefore,
    String loadAfter) {

  /** MLflow's tracking server on published figures, as issue 14 quotes them. */
  static final double MLFLOW_RUNS_PER_SECOND = 784;

  /** Written before the first measurement of these figures, kept as it was. */
  private static final String PREDICTION =
      """
      - Overhead per job: a 64×64, 20-step generation of the bundled model takes about 0.6 s of
        engine time on a quiet core (1 to 3 s on this shared VM under load). The queue's part is a
        claim and a completion (a fraction of a millisecond each with the nodes' commits not waited
        for: 3,600 no-op jobs/s with one node and one thread), the run's RUNNING transition, and
        after the engine the images stored and the fenced completion with its charge, each a
        synchronous commit: 10 to 50 ms in all, and a wait of 10 to 50 ms from the submission's
        commit until the idle worker, woken after it, marks the run RUNNING. So 3 to 10% of a tiny
        generation, under 0.5% of an SD 1.5-sized one (seconds per step).
      - Submissions per second: every request signs in with HTTP Basic, and the password check is a
        BCrypt hash of cost 10 (50 to 100 ms of one core here); the admission itself (the session's
        row locked, run, reservation and job written in one transaction) is a few milliseconds. On
        two cores shared with the server and the database: 20 to 40 submissions/s, far below
        MLflow's 784 runs/s; without the password check per request the rest would allow a few
        hundred per second.
      - Submissions with an API key (issue 15), predicted before measuring them: `dlab bench-load`
        profiled an admission at 15 to 19 ms of CPU (server and clients together; Hibernate and
        Spring's transaction and security proxies the most of it, the session-locked transaction a
        third), so 100 to 140 submissions/s on two idle cores, fewer with the machine shared:
        still far below MLflow's 784 runs/s.
      - The estimator on the recorded workload: exactly the figures of
        docs/benchmarks/estimates.md, since the replay is the same code on the same file.""";

  /**
   * Starts the workspace twice on a new database {@code database} of the server (dropped at the
   * end) and a temporary data folder: with its worker for the overhead, without for the
   * submissions; then replays the workload.
   */
  static QueueExtras measure(
      String url,
      String user,
      String password,
      String database,
      Path models,
      int generations,
      int submissions,
      int clients,
      Path workloadFile,
      PrintWriter progress)
      throws IOException, SQLException {
    String loadBefore = QueueThroughput.loadAverage();
    QueueDatabase scratch = QueueDatabase.newPostgres(url, user, password, database);
    Path data = Files.createTempDirectory("dlab-bench-queue-");
    String admin = WorkspaceThroughput.adminPassword();
    try {
      progress.println("starting the workspace with its worker …");
      progress.flush();
      WorkspaceThroughput.Overhead overhead;
      try (WorkspaceThroughput workspace =
          WorkspaceThroughput.start(scratch.jdbcUrl(), user, password, data, models, admin, true)) {
        overhead = workspace.overhead(generations, progress);
      }
      progress.println("starting the workspace without its worker …");
      progress.flush();
      WorkspaceThroughput.Submissions rate;
      try (WorkspaceThroughput workspace =
          WorkspaceThroughput.start(
              scratch.jdbcUrl(), user, password, data, models, admin, false)) {
        rate = workspace.submissions(submissions, clients, progress);
      }
      Workload workload = Workload.read(workloadFile);
      List<Outcome> estimates =
          EstimateReplay.replay(
              workload, EstimateReplay.counter(models.resolve("tiny-shapes")), true);
      return new QueueExtras(
          overhead, rate, workload, estimates, loadBefore, QueueThroughput.loadAverage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      QueueDatabase.dropPostgres(url, user, password, database);
      FileSystemUtils.deleteRecursively(data);
    }
  }

  /**
   * The report's sections for these figures.
   *
   * @param noop the claims measurement of one node with one thread as the workers claim: its
   *     executions per second give a no-op job's claim and completion
   */
  String markdown(QueueThroughput.Measurement noop) {
    double claimMillis = 1000 / noop.median();
    StringBuilder estimatesTable = new StringBuilder("| runs | n | median absolute error |\n");
    estimatesTable.append("| --- | ---: | ---: |\n");
    for (Group group : EstimateReplay.GROUPS) {
      long n = estimates.stream().filter(group.member()).count();
      estimatesTable.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f%% |%n",
              group.name(),
              n,
              100 * EstimateReplay.medianAbsoluteError(estimates, group)));
    }
    long inBand = estimates.stream().filter(o -> o.seen() >= 3 && o.inBand()).count();
    long banded = estimates.stream().filter(o -> o.seen() >= 3).count();
    double rate = submissions.perSecond();
    return String.format(
        Locale.ROOT,
        """

        # The queue in the workspace

        Measured by `dlab bench-queue` with the workspace started in its process on a scratch
        database of the same server (PostgreSQL as configured for production: Spring Boot's
        connection pool with synchronous commits, the worker's own pool not waiting for them), the
        bundled tiny-shapes model, HTTP on 127.0.0.1. Load average before: %s; after: %s.

        ## Scheduling overhead per job against generation time

        %d generations (64×64, 20 steps, euler, one image) submitted one after another over
        REST, each once the one before had ended, on an idle worker with one device slot, after
        one that loaded the model. Medians:

        | part | seconds | share of the job |
        |---|---:|---:|
        | the engine (encode, 20 steps, decode) | %.3f | %.1f%% |
        | from the submission's commit until a worker marked it RUNNING | %.4f | %.1f%% |
        | after the engine until SUCCEEDED (images stored, fenced completion, charge) | %.4f | %.1f%% |

        The queue and its bookkeeping cost %.1f%% of a tiny generation. Of that, the claim and the
        completion proper of a job cost %.2f ms (%,.0f no-op jobs/s with one node and one thread,
        the workers' set-up above); the rest is the run's record: its state transitions, outputs
        and charge, each committed before the API reports it. Against an SD 1.5-sized step at
        256×256 (2.6 s, docs/benchmarks/engine.md) the same overhead is well under 1%%.

        ## REST submissions accepted per second

        %,d generations submitted with `POST /api/v1/generations` by %d HTTP clients at once
        (after a warm-up of a tenth as many), every request signed in with an API key
        (`Authorization: Bearer`, its SHA-256 checked) as scripts do; a session holds at most 64 queued jobs, so they went round %d sessions of one user
        with budgets that do not run out; the workspace's worker was off, so nothing ran
        meanwhile. Every one was admitted through the whole path: validation, estimate, the
        session's row locked, quota checked, run, reservation, fair-share tag and job written in
        one transaction.

        **%,.1f submissions/s** (%,d accepted in %.2f s). MLflow's tracking server creates about
        %,.0f runs/s on published figures (issue 14): this is **%s**. Where an admission's
        time goes (profiled by `dlab bench-load`): docs/benchmarks/load.md. Until issue 15's API
        keys every request checked an HTTP Basic password against its BCrypt hash, which held this
        figure at 3.1/s. MLflow's figure is for its tracking server without authentication, creating a run record
        (no quota admission, no estimate, no queue); the two are not the same work, and this
        machine is a shared 2-core VM.

        ## The estimator's error on a recorded workload

        `%s`: %d generations of the bundled model recorded on this VM, replayed through the
        estimator in the order they ran (the replay of docs/benchmarks/estimates.md, the same
        code). Median absolute error of the seconds, by how many runs of the same configuration
        came before:

        %s
        From the third run of a configuration on, %.0f%% of the runs took a time within the
        estimate's band. Targets: under 15%% after 20 runs of a configuration, under 50%% for a
        configuration never seen.

        ## Predicted before these were first measured

        %s
        """,
        loadBefore,
        loadAfter,
        overhead.runs(),
        overhead.generation(),
        100 * overhead.generation() / total(),
        overhead.queueWait(),
        100 * overhead.queueWait() / total(),
        overhead.bookkeeping(),
        100 * overhead.bookkeeping() / total(),
        100 * overhead.share(),
        claimMillis,
        noop.median(),
        submissions.accepted(),
        submissions.threads(),
        submissions.sessions(),
        rate,
        submissions.accepted(),
        submissions.seconds(),
        MLFLOW_RUNS_PER_SECOND,
        rate >= MLFLOW_RUNS_PER_SECOND
            ? String.format(Locale.ROOT, "%.1f times as fast", rate / MLFLOW_RUNS_PER_SECOND)
            : String.format(
                Locale.ROOT, "%.1f%% of its rate: not met", 100 * rate / MLFLOW_RUNS_PER_SECOND),
        workload.path(),
        workload.rows().size(),
        estimatesTable,
        banded == 0 ? Double.NaN : 100.0 * inBand / banded,
        PREDICTION);
  }

  private double total() {
    return overhead.generation() + overhead.queueWait() + overhead.bookkeeping();
  }
}
