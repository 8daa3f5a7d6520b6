package com.diffusionlab.scheduling.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The order in which a worker claims, as its {@link ClaimPolicy} writes db-scheduler's claim query:
 * only jobs of its device class or of none; jobs for its loaded models first while their fair-share
 * tag is within the slack of the head of what it can serve, never beyond. Each claim takes the
 * first row of the query and removes it, as a worker with one free slot does (the query runs on an
 * in-memory H2; the same order on PostgreSQL is checked by the queue's ITs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimPolicyTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final Duration SLACK = Duration.ofSeconds(30);

  private HikariDataSource pool;
  private JdbcTemplate jdbc;

  @BeforeAll
  void database() {
    pool = QueueDatabase.h2("claim_policy_test").pool("claim-policy-test", 2);
    jdbc = new JdbcTemplate(pool);
  }

  @AfterAll
  void close() {
    pool.close();
  }

  @BeforeEach
  void empty() throws SQLException {
    QueueDatabase.emptyQueue(pool);
  }

  /** A waiting job {@code name} whose fair-share tag is {@code tagSeconds} virtual seconds. */
  private void job(String name, double tagSeconds, String deviceClass, String modelHash) {
    jdbc.update(
        "insert into job_queue (task_name, task_instance, execution_time, picked, version,"
            + " consecutive_failures, device_class, model_hash) values (?, ?, ?, false, 1, 0, ?, ?)",
        JobQueue.GENERATE.getTaskName(),
        name,
        Timestamp.from(FairShareClock.EPOCH.plusMillis(Math.round(tagSeconds * 1000))),
        deviceClass,
        modelHash);
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }

  /**
   * The jobs in the order a one-slot worker with {@code policy} claims them, until none is left.
   */
  private List<String> claimAll(ClaimPolicy policy) {
    String query =
        QueueDialect.H2
            .customization(policy)
            .createGenericSelectForUpdateQuery(JobQueue.TABLE, 1, "", false);
    List<String> order = new ArrayList<>();
    while (true) {
      List<String> next =
          jdbc.query(query, (row, index) -> row.getString("task_instance"), false, now());
      if (next.isEmpty()) {
        return order;
      }
      order.add(next.getFirst());
      jdbc.update("delete from job_queue where task_instance = ?", next.getFirst());
    }
  }

  private static ClaimPolicy cpuWorkerHolding(Set<String> loaded, Duration slack) {
    return new ClaimPolicy("cpu", () -> loaded, slack);
  }

  @Test
  void withoutLoadedModelsTheOrderIsTheFairShareOrder() {
    job("b-10", 10, null, B);
    job("a-0", 0, null, A);
    job("b-5", 5, null, B);

    assertThat(claimAll(cpuWorkerHolding(Set.of(), SLACK))).containsExactly("a-0", "b-5", "b-10");
  }

  @Test
  void aWorkerClaimsJobsOfItsDeviceClassOrOfNoneAndLeavesTheOthers() {
    job("gpu-0", 0, "gpu", A);
    job("any-1", 1, null, A);
    job("cpu-2", 2, "cpu", A);

    assertThat(claimAll(cpuWorkerHolding(Set.of(), SLACK))).containsExactly("any-1", "cpu-2");
    assertThat(jdbc.queryForList("select task_instance from job_queue", String.class))
        .containsExactly("gpu-0");
    assertThat(claimAll(new ClaimPolicy("gpu", Set::of, SLACK))).containsExactly("gpu-0");
  }

  @Test
  void aWorkerThatServesEveryClassTakesEveryJob() {
    job("gpu-0", 0, "gpu", A);
    job("any-1", 1, null, A);

    assertThat(claimAll(ClaimPolicy.ANY)).containsExactly("gpu-0", "any-1");
  }

  @Test
  void aLoadedModelsJobWithinTheSlackOfTheHeadGoesFirst() {
    job("b-0", 0, null, B);
    job("b-10", 10, null, B);
    job("a-25", 25, null, A);

    assertThat(claimAll(cpuWorkerHolding(Set.of(A), SLACK))).containsExactly("a-25", "b-0", "b-10");
  }

  @Test
  void aLoadedModelsJobBeyondTheSlackWaitsForItsTurn() {
    job("b-0", 0, null, B);
    job("a-31", 31, null, A);
    job("b-45", 45, null, B);

    // a-31 is 31 s behind the head: not first; once b-0 ran, the head is a-31 itself
    assertThat(claimAll(cpuWorkerHolding(Set.of(A), SLACK))).containsExactly("b-0", "a-31", "b-45");
  }

  @Test
  void theSlackIsMeasuredFromTheHeadAtEachClaim() {
    job("b-0", 0, null, B);
    job("b-10", 10, null, B);
    job("a-25", 25, null, A);
    job("b-40", 40, null, B);
    job("a-70", 70, null, A);

    // a-70 passes b-40 once b-40 is the head (70 <= 40 + 30), never b-10 (70 > 10 + 30): no job
    // is passed by one whose tag is more than the slack later than its own
    assertThat(claimAll(cpuWorkerHolding(Set.of(A), SLACK)))
        .containsExactly("a-25", "b-0", "b-10", "a-70", "b-40");
  }

  @Test
  void theHeadIsTheEarliestJobThisWorkerCanServe() {
    job("gpu-0", 0, "gpu", B);
    job("b-40", 40, null, B);
    job("a-60", 60, null, A);

    // measured from gpu-0, a-60 would be 60 s behind; the cpu worker's head is b-40
    assertThat(claimAll(cpuWorkerHolding(Set.of(A), SLACK))).containsExactly("a-60", "b-40");
  }

  @Test
  void withNoSlackAffinityOnlyBreaksTies() {
    job("b-0", 0, null, B);
    job("a-0", 0, null, A);
    job("a-1", 1, null, A);
    job("b-1", 1, null, B);

    assertThat(claimAll(cpuWorkerHolding(Set.of(A), Duration.ZERO)))
        .containsExactly("a-0", "b-0", "a-1", "b-1");
  }

  @Test
  void aSlackOfFractionsOfASecondCounts() {
    job("b-0", 0, null, B);
    job("a-0.4", 0.4, null, A);

    assertThat(claimAll(cpuWorkerHolding(Set.of(A), Duration.ofMillis(500))))
        .containsExactly("a-0.4", "b-0");
  }

  @Test
  void aLoadedModelIsOnlyEverAHashInTheQuery() {
    job("b-0", 0, null, B);
    job("a-1", 1, null, A);

    List<String> order = claimAll(cpuWorkerHolding(Set.of("x') or 1=1 --", "A".repeat(64)), SLACK));

    assertThat(order).containsExactly("b-0", "a-1");
  }

  @Test
  void aDeviceClassAndASlackAreChecked() {
    assertThatThrownBy(() -> new ClaimPolicy("gpu' or 1=1", Set::of, SLACK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deviceClass='gpu' or 1=1' is not allowed");
    assertThatThrownBy(() -> new ClaimPolicy("cpu", Set::of, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slack=PT-1S is not allowed: 0 or more");
  }
}
