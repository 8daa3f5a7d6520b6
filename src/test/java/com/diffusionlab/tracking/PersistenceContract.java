package com.diffusionlab.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.diffusionlab.LabNode;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.artifacts.internal.ArtifactEntity;
import com.diffusionlab.artifacts.internal.ArtifactRepository;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.QuotaExceededException;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionJob;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.sessions.SessionUsage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the workspace stores and queries, checked against each database it runs on: the Flyway
 * schema (Hibernate validates it at start), runs through their life, the query language, tags,
 * experiments, quotas and the usage ledger.
 */
abstract class PersistenceContract {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired RunService runs;
  @Autowired ExperimentService experiments;
  @Autowired ArtifactRepository artifacts;
  @Autowired LabNode node;
  @Autowired PlatformTransactionManager transactionManager;

  LabUser alice;
  PlaygroundSession session;

  @BeforeEach
  void someoneWithASession() {
    String name = "alice" + System.nanoTime();
    alice = TestUsers.ensure(identity, name, Role.RESEARCHER);
    session = TestSessions.create(sessions, alice, "lab", new Quota(100, 2, 256 * 256, 30, 4));
  }

  private Run run(String prompt, double cfg, String sampler, long seed, String experiment) {
    return runs.create(
        new NewRun(
            session.id(),
            experiment,
            null,
            alice.id(),
            null,
            RecordedSettings.of(prompt, cfg, sampler, seed),
            1.5,
            new RunEstimate(1.2, 1.9, 700_000_000L, 1.5, "HISTORY")));
  }

  private List<Long> search(String query) {
    return runs.search(query, List.of(session.id()), PageRequest.of(0, 100, Sort.by("id")))
        .map(Run::id)
        .getContent();
  }

  @Test
  void aRunIsStoredQueuedAndLivesThroughItsStates() {
    Run queued = run("a red cat", 7, "euler", 1, null);
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.experimentNames()).isEqualTo(ExperimentService.DEFAULT);
    assertThat(runs.countActive(session.id())).isEqualTo(1);
    Run running = runs.started(queued.id());
    assertThat(running.startedAt()).isNotNull();
    Run done = succeed(queued.id());
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.find(queued.id()).orElseThrow().timings().steps()).containsExactly(0.5, 0.5);
    assertThat(runs.find(queued.id()).orElseThrow().warnings()).containsExactly("a warning");
    assertThat(runs.find(queued.id()).orElseThrow().estimate())
        .isEqualTo(new RunEstimate(1.2, 1.9, 700_000_000L, 1.5, "HISTORY"));
    assertThat(runs.countActive(session.id())).isZero();
  }

  @Test
  void estimatesReadTheLatestSucceededRunsOldestFirst() {
    // from now, and this session's only: another test's committed run (the race below, when the
    // worker wins) may have ended a moment ago
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Run first = run("first", 7, "euler", 1, null);
    runs.started(first.id());
    succeed(first.id());
    Run failed = run("failed", 7, "euler", 2, null);
    runs.ended(failed.id(), RunStatus.FAILED, "out of memory", null);
    run("queued", 7, "euler", 3, null);
    Run second = run("second", 7, "euler", 4, null);
    runs.started(second.id());
    succeed(second.id());

    assertThat(runs.succeededSince(before, 10))
        .filteredOn(run -> run.sessionId() == session.id())
        .extracting(Run::id)
        .containsExactly(first.id(), second.id());
    assertThat(runs.succeededSince(before, 1)).extracting(Run::id).containsExactly(second.id());
    assertThat(runs.succeededSince(Instant.now().plusSeconds(60), 10)).isEmpty();
  }

  /** Completes a started run with timings, a warning and two images. */
  private Run succeed(long id) {
    // outputs point at stored files: the rows exist first
    for (String sha : List.of("a".repeat(64), "c".repeat(64), "d".repeat(64))) {
      if (artifacts.findById(sha).isEmpty()) {
        artifacts.save(new ArtifactEntity(sha, "image/png", 10, 64, 64, Instant.now()));
      }
    }
    return runs.succeeded(
        id,
        new RunCompletion(
            "0.1.0",
            "cpu",
            "fp32",
            new RunTimings(0.1, 0.5, 0.01, 0.02, 1.0, 0.1, 1.7, List.of(0.5, 0.5)),
            1_000_000,
            0,
            1.7,
            0.001,
            List.of("a warning"),
            List.of(
                new RunOutput(1, 2, "d".repeat(64), "e".repeat(64), "c".repeat(64)),
                new RunOutput(0, 1, "a".repeat(64), "b".repeat(64), "c".repeat(64)))),
        null);
  }

  @Test
  void aWindowOfRunsReadsEachRunAsItIsStored() {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                alice.username(),
                null,
                AuthorityUtils.createAuthorityList(Role.RESEARCHER.authority())));
    try {
      Run queued = run("still queued", 7, "euler", 1, "second");
      Run done = run("two images", 5, "euler_a", 2, "first");
      runs.started(done.id());
      succeed(done.id());
      runs.tag(done.id(), Set.of("best", "cats"));
      runs.annotate(done.id(), "kept");
      long second = queued.experiments().getFirst().id();
      experiments.addRuns(second, List.of(done.id()), null);
      Run failed = run("failed", 9, "euler", 3, "first");
      runs.ended(failed.id(), RunStatus.FAILED, "out of memory", null);

      List<Run> stored =
          List.of(queued.id(), done.id(), failed.id()).stream()
              .map(id -> runs.find(id).orElseThrow())
              .toList();
      assertThat(stored.get(1).experiments()).hasSize(2);
      assertThat(stored.get(1).outputs()).extracting(RunOutput::index).containsExactly(0, 1);
      assertThat(
              runs.selectBetween(
                  RunSelection.matching(""), List.of(session.id()), queued.id() - 1, failed.id()))
          .isEqualTo(stored);
      assertThat(
              runs.selectBetween(
                  RunSelection.experiment(second),
                  List.of(session.id()),
                  queued.id() - 1,
                  failed.id()))
          .isEqualTo(stored.subList(0, 2));
      assertThat(
              runs.selectBetween(
                  RunSelection.matching("tag = best"),
                  List.of(session.id()),
                  queued.id(),
                  failed.id()))
          .isEqualTo(List.of(stored.get(1)));
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  @Test
  void everyMoveIsRecordedWithItsCauseNodeAndAttempt() {
    Run run = run("x", 7, "euler", 1, null);
    runs.started(run.id());
    runs.requeued(run.id(), "the worker w1 stopped responding");
    Run again = runs.started(run.id());
    assertThat(again.startedAt()).isNotNull();
    succeed(run.id());

    assertThat(runs.transitions(run.id()))
        .extracting(
            t -> t.from() + ">" + t.to() + " " + t.cause() + " #" + t.attempt(),
            RunTransition::node)
        .containsExactly(
            tuple("null>QUEUED submitted #0", node.name()),
            tuple("QUEUED>RUNNING started #1", node.name()),
            tuple("RUNNING>QUEUED the worker w1 stopped responding #1", node.name()),
            tuple("QUEUED>RUNNING started #2", node.name()),
            tuple("RUNNING>SUCCEEDED finished #2", node.name()));
    assertThat(runs.transitions(run.id())).allSatisfy(t -> assertThat(t.at()).isNotNull());
  }

  @Test
  void aFinishedRunRefusesEveryMoveAndSaysWhy() {
    Run run = run("x", 7, "euler", 1, null);
    runs.ended(run.id(), RunStatus.CANCELLED, "cancelled before it started", null);

    assertThatThrownBy(() -> runs.started(run.id()))
        .isInstanceOf(IllegalRunTransitionException.class)
        .hasMessage(
            "run "
                + run.id()
                + " cannot go from CANCELLED to RUNNING; allowed from CANCELLED: none:"
                + " CANCELLED is final");
    assertThatThrownBy(() -> runs.ended(run.id(), RunStatus.FAILED, "late", null))
        .isInstanceOf(IllegalRunTransitionException.class);
    assertThatThrownBy(() -> runs.requestCancel(run.id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has ended");
    assertThat(runs.transitions(run.id())).hasSize(2);
  }

  /**
   * A cancel and a finishing worker read the same running run, then both write: exactly one commits
   * (whichever flushes first), the other's commit is refused by the run's version, and the history
   * has exactly one end. Without the version both would commit, the later one overwriting.
   */
  @Test
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  void aCancelAndAFinishingWorkerCannotBothWin() throws Exception {
    Run run = run("race", 7, "euler", 1, null);
    runs.started(run.id());
    CountDownLatch workerRead = new CountDownLatch(1);
    CountDownLatch cancelRead = new CountDownLatch(1);
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<RunStatus> worker =
          threads.submit(
              () ->
                  transaction.execute(
                      status -> {
                        runs.find(run.id());
                        workerRead.countDown();
                        await(cancelRead);
                        return succeed(run.id()).status();
                      }));
      Future<RunStatus> cancel =
          threads.submit(
              () ->
                  transaction.execute(
                      status -> {
                        runs.find(run.id());
                        cancelRead.countDown();
                        await(workerRead);
                        return runs.ended(run.id(), RunStatus.CANCELLED, "cancelled", null)
                            .status();
                      }));
      List<RunStatus> won = new ArrayList<>();
      List<Throwable> lost = new ArrayList<>();
      for (Future<RunStatus> side : List.of(worker, cancel)) {
        try {
          won.add(side.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          lost.add(e.getCause());
        }
      }

      assertThat(won).hasSize(1);
      assertThat(lost).singleElement().isInstanceOf(OptimisticLockingFailureException.class);
      assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(won.getFirst());
      assertThat(runs.transitions(run.id()))
          .filteredOn(t -> t.to().finished())
          .singleElement()
          .extracting(RunTransition::to)
          .isEqualTo(won.getFirst());
    } finally {
      threads.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other side never read the run");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theQueryLanguageFiltersOnEveryKindOfField() {
    Run cat = run("a red CAT on a mat", 8, "euler", 10, "sweep");
    Run dog = run("a dog", 5, "euler_a", 11, "sweep");
    Run bird = run("a bird", 9, "dpmpp_2m", 12, "other");
    // tags are their runs' owner's to change
    TestUsers.as(
        alice.username(),
        Role.RESEARCHER,
        () -> {
          runs.tag(cat.id(), Set.of("best", "cats"));
          runs.tag(bird.id(), Set.of("best"));
        });
    assertThat(search("cfg > 7")).containsExactly(cat.id(), bird.id());
    assertThat(search("cfg > 7 and sampler = 'euler'")).containsExactly(cat.id());
    assertThat(search("prompt ~ 'cat'")).containsExactly(cat.id());
    assertThat(search("tag = 'best'")).containsExactly(cat.id(), bird.id());
    assertThat(search("tag != best")).containsExactly(dog.id());
    assertThat(search("experiment = sweep and not seed = 10")).containsExactly(dog.id());
    assertThat(search("(sampler = euler_a or sampler = dpmpp_2m) and cfg <= 9"))
        .containsExactly(dog.id(), bird.id());
    assertThat(search("status = queued and hash = abcdef0123"))
        .containsExactly(cat.id(), dog.id(), bird.id());
    assertThat(search("user = " + alice.username() + " and prompt !~ 'a d'"))
        .containsExactly(cat.id(), bird.id());
    assertThat(search("created > 2000-01-01 and reproduced != true")).hasSize(3);
    assertThat(search("")).hasSize(3);
  }

  @Test
  void badQueriesPointAtTheProblem() {
    assertThatThrownBy(() -> search("cfg >"))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("position 6");
    assertThatThrownBy(() -> search("cfgg > 7"))
        .hasMessageContaining("unknown field 'cfgg'")
        .hasMessageContaining("position 1");
    assertThatThrownBy(() -> search("cfg ~ 7")).hasMessageContaining("'~' does not apply to cfg");
    assertThatThrownBy(() -> search("steps > many")).hasMessageContaining("steps needs a number");
    assertThatThrownBy(() -> search("prompt = 'open")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> search("(cfg > 1")).hasMessageContaining("expected ')'");
  }

  /** Admits a job of {@code width}×{@code width}, {@code steps} steps, recording a run. */
  private Run admit(int width, int steps, double estimate) {
    return sessions.admit(
        session.id(),
        new SessionJob("f".repeat(64), width, width, steps, 1, estimate),
        () -> run("x", 7, "euler", 1, null),
        Run::id);
  }

  @Test
  void quotasRejectJobsBeforeAnythingIsSpent() {
    assertThatThrownBy(() -> admit(512, 20, 1))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("512×512")
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> admit(64, 40, 1)).hasMessageContaining("steps=40");
    assertThat(runs.countActive(session.id())).as("nothing recorded").isZero();
    Run first = admit(64, 20, 30);
    admit(64, 20, 30);
    assertThatThrownBy(() -> admit(64, 20, 1)).hasMessageContaining("concurrent jobs");
    assertThat(sessions.usage(session.id()).reservedDeviceSeconds()).isEqualTo(60);
    sessions.settle(session.id(), first.id(), 69.5, 0.01);
    SessionUsage usage = sessions.usage(session.id());
    assertThat(usage.usedDeviceSeconds()).isEqualTo(69.5);
    assertThat(usage.reservedDeviceSeconds()).isEqualTo(30);
    assertThat(usage.activeJobs()).isEqualTo(1);
    assertThatThrownBy(() -> admit(64, 20, 1))
        .hasMessageContaining("device-seconds")
        .hasMessageContaining("69.5 used, 30.0 reserved");
  }

  @Test
  void privateSessionsAreVisibleToTheirOwnersOnly() {
    LabUser bob = TestUsers.ensure(identity, "bob" + System.nanoTime(), Role.RESEARCHER);
    assertThat(sessions.visibleTo(bob)).noneMatch(s -> s.id() == session.id());
    PlaygroundSession shared =
        TestSessions.create(
            sessions, alice, SessionChanges.of("team", sessions.defaultQuota()).withShared(true));
    assertThat(sessions.visibleTo(bob)).anyMatch(s -> s.id() == shared.id());
    // a private session is, to anyone else, a session that does not exist
    assertThatThrownBy(() -> sessions.require(session.id(), bob, SessionAction.READ))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("session " + session.id() + " does not exist");
  }

  @Test
  void tagsAreValidated() {
    Run run = run("x", 7, "euler", 1, null);
    assertThatThrownBy(
            () ->
                TestUsers.as(
                    alice.username(),
                    Role.RESEARCHER,
                    () -> runs.tag(run.id(), Set.of("<script>"))))
        .hasMessageContaining("tag=<script>");
  }
}
