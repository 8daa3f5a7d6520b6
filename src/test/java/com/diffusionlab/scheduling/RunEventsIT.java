package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.NewRun;
import com.diffusionlab.tracking.RecordedSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEnded;
import com.diffusionlab.tracking.RunEstimate;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run's end is published through Spring Modulith's event publication registry: the event is
 * written, for each listener that runs after the commit (the sweeps), in the transaction that
 * records the end (rolled back with it), removed once the listener has run, and delivered again
 * after a crash that came between the commit and the listener, as the next start does.
 */
class RunEventsIT extends WorkspaceTestSupport {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired RunService runs;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcTemplate jdbc;
  @Autowired IncompleteEventPublications incomplete;
  @Autowired EntityManager entityManager;

  private Run queuedRun() {
    // a short name: the shared workspace's Users and Sessions views list it at 1280 px
    LabUser user =
        TestUsers.ensure(
            identity, "ev-" + Long.toString(System.nanoTime() % 1_000_000, 36), Role.RESEARCHER);
    long session = sessions.defaultFor(user).id();
    // recorded without a job: no worker takes it, the test ends it
    return runs.create(
        new NewRun(
            session,
            null,
            null,
            user.id(),
            null,
            RecordedSettings.of("x", 3, "euler", 1),
            1,
            RunEstimate.NONE));
  }

  private List<Map<String, Object>> publications(long runId) {
    return jdbc.queryForList(
        "select * from event_publication where event_type = ? and serialized_event like ?",
        RunEnded.class.getName(),
        "%\"runId\":" + runId + ",%");
  }

  @Test
  void aRunsEndIsKeptForItsListenersUntilTheyRanAndDeliveredAgainAfterACrash() {
    Run run = queuedRun();

    Map<String, Object> written =
        transactions.execute(
            status -> {
              runs.ended(run.id(), RunStatus.CANCELLED, "cancelled before it started", null);
              // the registry writes through JPA: what it holds reaches the table at a flush
              entityManager.flush();
              List<Map<String, Object>> inTransaction = publications(run.id());
              status.setRollbackOnly();
              return inTransaction.getFirst();
            });
    assertThat(written.get("listener_id").toString()).contains("SweepRunner");
    assertThat(written.get("completion_date")).isNull();
    assertThat(publications(run.id())).as("rolled back with the run's end").isEmpty();
    assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);

    // committed: the listener runs after the commit, and its publication is then removed
    runs.ended(run.id(), RunStatus.CANCELLED, "cancelled before it started", null);
    Awaitility.await("the listener done")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> publications(run.id()).isEmpty());

    // a crash right after the commit: the publication is all that is left of the event
    jdbc.update(
        "insert into event_publication (id, listener_id, event_type, serialized_event,"
            + " publication_date, status, completion_attempts) values (?, ?, ?, ?, ?, ?, ?)",
        written.get("id"),
        written.get("listener_id"),
        written.get("event_type"),
        written.get("serialized_event"),
        written.get("publication_date"),
        written.get("status"),
        written.get("completion_attempts"));
    assertThat(publications(run.id())).hasSize(1);

    incomplete.resubmitIncompletePublications(publication -> true);

    Awaitility.await("the event delivered again")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> publications(run.id()).isEmpty());
  }
}
