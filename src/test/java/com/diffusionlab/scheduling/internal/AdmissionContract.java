package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.QuotaExceededException;
import com.diffusionlab.sessions.QuotaLimit;
import com.diffusionlab.sessions.SessionJob;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.sessions.SessionUsage;
import com.diffusionlab.tracking.IllegalRunTransitionException;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.PartialWork;
import com.diffusionlab.tracking.RecordedSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunCompletion;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quotas that hold under load, on each database the workspace runs on: parallel submissions through
 * the real admission (session row locked, limits and budget checked, run recorded and its estimate
 * reserved, all in one transaction) accept exactly as many jobs as there is room for; a user's
 * simultaneous first submissions make one default session; a run's end settles its reservation in
 * the same transaction, to what it used. Nothing here runs in a test transaction: every thread
 * commits for real.
 */
abstract class AdmissionContract {

  private static final int SUBMISSIONS = 50;
  private static final int ROOM = 10;
  private static final double ESTIMATE = 2.5;

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired RunService runs;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  private final ExecutorService threads = Executors.newFixedThreadPool(SUBMISSIONS);
  private LabUser alice;

  @BeforeEach
  void someone() {
    alice = TestUsers.ensure(identity, "alice" + System.nanoTime(), Role.RESEARCHER);
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private PlaygroundSession session(Quota quota) {
    return TestSessions.create(sessions, alice, "lab " + System.nanoTime(), quota);
  }

  private static SessionJob job(double estimate) {
    return new SessionJob(RecordedSettings.MODEL_HASH, 64, 64, 20, 1, estimate);
  }

  /** Submits through the admission the generation service uses: the run is recorded inside it. */
  private Run submit(PlaygroundSession session, double estimate) {
    return sessions.admit(
        session.id(),
        job(estimate),
        () ->
            runs.create(
                new NewRun(
                    session.id(),
                    null,
                    null,
                    alice.id(),
                    null,
                    RecordedSettings.of("a red cat", 7, "euler", 1),
                    estimate,
                    RunEstimate.NONE)),
        Run::id);
  }

  /** What happened to each of {@code count} callables started at the same moment. */
  private <T> List<Outcome<T>> race(int count, Callable<T> call) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(
          threads.submit(
              () -> {
                start.await();
                return call.call();
              }));
    }
    start.countDown();
    List<Outcome<T>> outcomes = new ArrayList<>();
    for (Future<T> future : futures) {
      try {
        outcomes.add(new Outcome<>(future.get(5, TimeUnit.MINUTES), null));
      } catch (ExecutionException e) {
        outcomes.add(new Outcome<>(null, e.getCause()));
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("a submission never came back", e);
      }
    }
    return outcomes;
  }

  private record Outcome<T>(T value, Throwable failure) {}

  private long ledgerLines(long sessionId) {
    return jdbc.queryForObject(
        "select count(*) from usage_ledger where session_id = ?", Long.class, sessionId);
  }

  private long runsIn(long sessionId) {
    return jdbc.queryForObject(
        "select count(*) from runs where session_id = ?", Long.class, sessionId);
  }

  @Test
  void simultaneousFirstSubmissionsToANewExperimentFromManySessionsAreAllAdmittedIntoOne()
      throws Exception {
    List<PlaygroundSession> labs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      labs.add(session(new Quota(1e6, ROOM, 512 * 512, 50, 4)));
    }
    String experiment = "new " + System.nanoTime();
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();

    List<Outcome<Run>> outcomes =
        race(
            labs.size(),
            () -> {
              PlaygroundSession lab = labs.get(next.getAndIncrement());
              return sessions.admit(
                  lab.id(),
                  job(ESTIMATE),
                  () ->
                      runs.create(
                          new NewRun(
                              lab.id(),
                              experiment,
                              null,
                              alice.id(),
                              null,
                              RecordedSettings.of("a red cat", 7, "euler", 1),
                              ESTIMATE,
                              RunEstimate.NONE)),
                  Run::id);
            });

    assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from experiments where owner_id = ? and name = ?",
                Long.class,
                alice.id(),
                experiment))
        .isOne();
  }

  @Test
  void fiftyParallelSubmissionsAgainstRoomForTenJobsAcceptExactlyTen() throws Exception {
    PlaygroundSession session = session(new Quota(1e6, ROOM, 512 * 512, 50, 4));

    List<Outcome<Run>> outcomes = race(SUBMISSIONS, () -> submit(session, ESTIMATE));

    List<Run> accepted = outcomes.stream().map(Outcome::value).filter(r -> r != null).toList();
    List<Throwable> refused =
        outcomes.stream().map(Outcome::failure).filter(f -> f != null).toList();
    assertThat(accepted).hasSize(ROOM);
    assertThat(refused)
        .hasSize(SUBMISSIONS - ROOM)
        .allSatisfy(
            failure -> {
              assertThat(failure).isInstanceOf(QuotaExceededException.class);
              QuotaExceededException quota = (QuotaExceededException) failure;
              assertThat(quota.outright()).isFalse();
              assertThat(quota.retryAfter()).as("a job ending makes room").isPresent();
              assertThat(quota.limit())
                  .contains(new QuotaLimit("maxConcurrentJobs", ROOM, 1, (long) ROOM, null));
            });
    assertThat(runsIn(session.id())).as("no run of a refused submission").isEqualTo(ROOM);
    assertThat(ledgerLines(session.id())).as("one reservation per run").isEqualTo(ROOM);
    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.activeJobs()).isEqualTo(ROOM);
    assertThat(usage.reservedDeviceSeconds()).isEqualTo(ROOM * ESTIMATE);
    assertThat(usage.usedDeviceSeconds()).isZero();
  }

  @Test
  void fiftyParallelSubmissionsAgainstABudgetForTenAcceptExactlyTenAndNeverOverspend()
      throws Exception {
    PlaygroundSession session = session(new Quota(ROOM * ESTIMATE, 64, 512 * 512, 50, 4));

    List<Outcome<Run>> outcomes = race(SUBMISSIONS, () -> submit(session, ESTIMATE));

    assertThat(outcomes.stream().filter(o -> o.value() != null)).hasSize(ROOM);
    assertThat(outcomes.stream().map(Outcome::failure).filter(f -> f != null))
        .hasSize(SUBMISSIONS - ROOM)
        .allSatisfy(
            failure -> {
              QuotaExceededException quota = (QuotaExceededException) failure;
              QuotaLimit limit = quota.limit().orElseThrow();
              assertThat(limit.name()).isEqualTo("budgetDeviceSeconds");
              assertThat(limit.allowed().doubleValue()).isEqualTo(ROOM * ESTIMATE);
              assertThat(limit.requested().doubleValue()).isEqualTo(ESTIMATE);
              assertThat(limit.used().doubleValue() + limit.reserved().doubleValue() + ESTIMATE)
                  .as("refused only when the job would not fit")
                  .isGreaterThan(ROOM * ESTIMATE);
              assertThat(quota).hasMessageContaining("reserved by queued and running jobs");
            });
    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.reservedDeviceSeconds())
        .as("the reservations add up and stay within the budget")
        .isEqualTo(ROOM * ESTIMATE);
    assertThat(usage.usedDeviceSeconds() + usage.reservedDeviceSeconds())
        .isLessThanOrEqualTo(usage.budgetDeviceSeconds());
    assertThat(runsIn(session.id())).isEqualTo(ROOM);
    assertThat(ledgerLines(session.id())).isEqualTo(ROOM);
  }

  @Test
  void simultaneousFirstSubmissionsMakeOneDefaultSession() throws Exception {
    List<Outcome<PlaygroundSession>> outcomes = race(SUBMISSIONS, () -> sessions.defaultFor(alice));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes.stream().map(o -> o.value().id()).distinct()).hasSize(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from playground_sessions where owner_id = ?",
                Long.class,
                alice.id()))
        .isEqualTo(1);
    PlaygroundSession own = outcomes.getFirst().value();
    assertThat(own.name()).isEqualTo(SessionService.DEFAULT_NAME);
    assertThat(own.quota()).isEqualTo(sessions.defaultQuota());
    assertThat(own.shared()).isFalse();
  }

  @Test
  void aRunCancelledInTheQueueReleasesItsReservation() {
    PlaygroundSession session = session(new Quota(100, 2, 512 * 512, 50, 4));
    Run queued = submit(session, 40);
    assertThat(sessions.usage(session.id()).reservedDeviceSeconds()).isEqualTo(40);

    runs.ended(queued.id(), RunStatus.CANCELLED, "cancelled before it started", null);

    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.reservedDeviceSeconds()).isZero();
    assertThat(usage.usedDeviceSeconds()).isZero();
    assertThat(usage.activeJobs()).isZero();
    assertThat(usage.remainingDeviceSeconds()).isEqualTo(100);
  }

  @Test
  void aRunStoppedWhileRunningSettlesToWhatItUsedAndOnlyOnce() {
    PlaygroundSession session = session(new Quota(100, 2, 512 * 512, 50, 4));
    Run running = submit(session, 40);
    runs.started(running.id());

    runs.ended(running.id(), RunStatus.CANCELLED, "cancelled by the user", work(7.25, 0.001));
    // a second end is refused by the run's state machine, and charges nothing
    assertThatThrownBy(() -> runs.ended(running.id(), RunStatus.FAILED, "too late", work(99, 1)))
        .isInstanceOf(IllegalRunTransitionException.class);

    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.usedDeviceSeconds()).isEqualTo(7.25);
    assertThat(usage.cost()).isEqualTo(0.001);
    assertThat(usage.reservedDeviceSeconds()).isZero();
    assertThat(usage.remainingDeviceSeconds()).isEqualTo(100 - 7.25);
  }

  @Test
  void aSucceededRunSettlesToItsActualUseBeyondItsEstimate() {
    PlaygroundSession session = session(new Quota(100, 2, 512 * 512, 50, 4));
    Run run = submit(session, 3);
    runs.started(run.id());

    runs.succeeded(run.id(), completion(12.5), null);

    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.usedDeviceSeconds()).isEqualTo(12.5);
    assertThat(usage.reservedDeviceSeconds()).isZero();
  }

  @Test
  void theChargeIsBookedInTheTransactionThatEndsTheRunOrNotAtAll() {
    PlaygroundSession session = session(new Quota(100, 2, 512 * 512, 50, 4));
    Run run = submit(session, 30);
    runs.started(run.id());

    // the run's end and its charge commit together: a transaction that fails after the end
    // takes the charge back with it
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            tx -> {
              runs.ended(run.id(), RunStatus.FAILED, "out of memory", work(5, 0.01));
              tx.setRollbackOnly();
            });

    assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.reservedDeviceSeconds()).isEqualTo(30);
    assertThat(usage.usedDeviceSeconds()).isZero();

    runs.ended(run.id(), RunStatus.FAILED, "out of memory", work(5, 0.01));
    usage = sessions.usage(session.id());
    assertThat(usage.reservedDeviceSeconds()).isZero();
    assertThat(usage.usedDeviceSeconds()).isEqualTo(5);
  }

  @Test
  void aRunWhoseWorkersDiedKeepsItsReservationInTheQueueAndReleasesItWhenGivenUp() {
    PlaygroundSession session = session(new Quota(100, 2, 512 * 512, 50, 4));
    Run run = submit(session, 30);
    runs.started(run.id());

    runs.requeued(run.id(), "its worker stopped responding");
    assertThat(sessions.usage(session.id()).reservedDeviceSeconds()).isEqualTo(30);

    runs.ended(run.id(), RunStatus.FAILED, "the workers running it stopped responding", null);
    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.reservedDeviceSeconds()).isZero();
    assertThat(usage.usedDeviceSeconds()).isZero();
    assertThat(usage.activeJobs()).isZero();
  }

  private static PartialWork work(double deviceSeconds, double cost) {
    return new PartialWork(
        "0.1.0",
        "cpu",
        "fp32",
        new RunTimings(0.1, 0.5, 0.01, 0.02, deviceSeconds, null, deviceSeconds, List.of(0.5)),
        null,
        deviceSeconds,
        cost);
  }

  private static RunCompletion completion(double deviceSeconds) {
    return new RunCompletion(
        "0.1.0",
        "cpu",
        "fp32",
        new RunTimings(0.1, 0.5, 0.01, 0.02, 1.0, 0.1, deviceSeconds, List.of(0.5, 0.5)),
        1_000_000,
        0,
        deviceSeconds,
        0.002,
        List.of(),
        List.of());
  }
}
