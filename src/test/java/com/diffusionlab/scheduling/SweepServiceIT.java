package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.internal.GenerationWorker;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.QuotaExceededException;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Sweeps end to end on the tiny model: every cell becomes a tracked run of the experiment, fed to
 * the queue as the session has room; a sweep that does not fit is refused before anything is
 * queued; after a restart only the interrupted cells run again.
 */
class SweepServiceIT extends WorkspaceTestSupport {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired SweepService sweeps;
  @Autowired SweepRunner runner;
  @Autowired RunService runs;
  @Autowired JdbcTemplate jdbc;

  private LabUser user;

  @BeforeEach
  void signIn() {
    user =
        identity
            .find("sweeper")
            .orElseGet(() -> TestUsers.ensure(identity, "sweeper", Role.RESEARCHER));
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "sweeper", null, AuthorityUtils.createAuthorityList(Role.RESEARCHER.authority())));
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  private static String yaml(String name, String extra) {
    return """
        name: %s
        base:
          model: tiny-sd1
          prompt: a red cat
          steps: 2
          width: 16
          height: 16
        x: {field: cfg, values: "1, 3"}
        y: {field: seed, values: "5-6"}
        %s
        """
        .formatted(name, extra);
  }

  private SweepGrid awaitEnd(long id) {
    return Awaitility.await("sweep " + id + " ending")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .pollInSameThread()
        .until(() -> sweeps.grid(id), grid -> !grid.sweep().status().equals("RUNNING"));
  }

  @Test
  void aTwoByTwoSweepBecomesFourTrackedRunsOfItsExperiment() {
    Sweep sweep = sweeps.launch(yaml("grid-2x2", ""));
    assertThat(sweep.estimate().cells()).isEqualTo(4);
    assertThat(sweep.axes()).extracting(AxisLabels::field).containsExactly("cfg", "seed");
    SweepGrid grid = awaitEnd(sweep.id());
    assertThat(grid.sweep().status()).isEqualTo("FINISHED");
    assertThat(grid.cells()).hasSize(4);
    assertThat(grid.cells()).allMatch(cell -> cell.status() == RunStatus.SUCCEEDED);
    assertThat(grid.cells()).extracting(SweepGrid.Cell::axisValues).contains("cfg=3, seed=6");
    Run corner = runs.find(grid.cells().getLast().runId()).orElseThrow();
    assertThat(corner.settings().cfg()).isEqualTo(3.0);
    assertThat(corner.settings().seed()).isEqualTo(6L);
    assertThat(corner.experiments()).extracting(e -> e.name()).containsExactly("grid-2x2");
    List<Long> sessionIds = List.of(corner.sessionId());
    assertThat(runs.count(RunSelection.experiment(sweep.experimentId()), sessionIds)).isEqualTo(4);
    assertThat(sweeps.placesBetween(corner.id(), corner.id()).get(corner.id()).axisValues())
        .isEqualTo("cfg=3, seed=6");
  }

  @Test
  void aSweepThatDoesNotFitTheBudgetIsRefusedAndNothingIsQueued() {
    PlaygroundSession tiny =
        TestSessions.create(sessions, user, "tiny budget", new Quota(0.01, 2, 512 * 512, 50, 4));
    long before = jdbc.queryForObject("select count(*) from runs", Long.class);
    SweepPlan plan = sweeps.plan(yaml("too-big", "session: " + tiny.id()));
    assertThat(plan.fits()).isFalse();
    assertThat(plan.problem()).contains("device-seconds").contains("4 cells");
    assertThatThrownBy(() -> sweeps.launch(yaml("too-big", "session: " + tiny.id())))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("budget");
    assertThat(jdbc.queryForObject("select count(*) from runs", Long.class)).isEqualTo(before);
    assertThat(
            jdbc.queryForObject("select count(*) from sweeps where name = 'too-big'", Long.class))
        .isZero();
  }

  @Test
  void aCellThatBreaksASettingIsNamedBeforeAnythingIsQueued() {
    assertThatThrownBy(
            () ->
                sweeps.plan(
                    """
                    name: bad-cell
                    base: {model: tiny-sd1, prompt: x, steps: 2, width: 16, height: 16}
                    x: {field: clipSkip, values: "1, 2"}
                    x2: 1
                    """))
        .hasMessageContaining("line 4")
        .hasMessageContaining("x2");
  }

  @Test
  void afterARestartOnlyTheInterruptedCellsRunAgain() {
    Sweep sweep = sweeps.launch(yaml("resume", ""));
    SweepGrid done = awaitEnd(sweep.id());
    long interrupted = done.cells().getFirst().runId();
    long kept = done.cells().get(1).runId();
    // as a crash leaves it: one cell's run failed by the restart, the sweep still running
    jdbc.update(
        "update runs set status = 'FAILED', error = ? where id = ?",
        GenerationWorker.INTERRUPTED,
        interrupted);
    jdbc.update(
        "update sweeps set status = 'RUNNING', finished_at = null where id = ?", sweep.id());
    runner.run(null);
    SweepGrid resumed = awaitEnd(sweep.id());
    assertThat(resumed.sweep().status()).isEqualTo("FINISHED");
    assertThat(resumed.cells().getFirst().runId()).isNotEqualTo(interrupted);
    assertThat(resumed.cells().getFirst().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(resumed.cells().get(1).runId())
        .as("a finished cell is not repeated")
        .isEqualTo(kept);
  }
}
