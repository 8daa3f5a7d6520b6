package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A run cancelled while it runs keeps what it did: the steps it finished, its time, where it ran,
 * its memory and the device time it used, which its session is charged; one cancelled in the queue
 * records nothing and costs nothing.
 */
class StoppedRunIT extends WorkspaceTestSupport {

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired GenerationService generations;
  @Autowired RunService runs;

  private LabUser user;

  @BeforeEach
  void signIn() {
    user = TestUsers.ensure(identity, "stopper", Role.RESEARCHER);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "stopper", null, AuthorityUtils.createAuthorityList(Role.RESEARCHER.authority())));
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  /** 50 steps at 192×192: seconds of work, so that a cancel after the first step lands mid-run. */
  private static GenerationSubmission slow() {
    return new GenerationSubmission(
        null,
        null,
        GenerationSettings.of("tiny-shapes", "two red circles at the top")
            .with("steps", 50)
            .with("width", 192)
            .with("height", 192)
            .with("seed", 7L));
  }

  private Run awaitEnd(long id) {
    return Awaitility.await("run " + id + " ending")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> runs.find(id).orElseThrow(), run -> run.status().finished());
  }

  @Test
  void aRunCancelledWhileRunningKeepsTheStepsTimeDeviceAndCostItUsed() {
    long session = sessions.defaultFor(user).id();
    double usedBefore = sessions.usage(session).usedDeviceSeconds();
    AtomicInteger stepsSeen = new AtomicInteger();
    Run submitted =
        generations.submit(
            slow(),
            progress -> {
              if (progress.step() > 0) {
                stepsSeen.set(progress.step());
              }
            });
    Awaitility.await("a first step")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> stepsSeen.get() > 0);
    generations.cancel(submitted.id());

    Run cancelled = awaitEnd(submitted.id());

    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.error()).isEqualTo("cancelled by the user");
    assertThat(cancelled.timings().steps()).hasSizeBetween(1, 49);
    assertThat(cancelled.timings().sampling()).isPositive();
    assertThat(cancelled.timings().total()).isGreaterThanOrEqualTo(cancelled.timings().sampling());
    assertThat(cancelled.timings().queueWait()).as("kept from the start").isNotNull();
    assertThat(cancelled.engineVersion()).isNotBlank();
    assertThat(cancelled.device()).isEqualTo("cpu");
    assertThat(cancelled.precision()).isEqualTo("fp32");
    assertThat(cancelled.peakRssBytes()).isPositive();
    assertThat(cancelled.deviceSeconds()).isEqualTo(cancelled.timings().total());
    assertThat(cancelled.cost()).isNotNull();
    assertThat(cancelled.outputs()).isEmpty();
    assertThat(sessions.usage(session).usedDeviceSeconds())
        .as("the session is charged the device time the run used")
        .isGreaterThanOrEqualTo(usedBefore + cancelled.deviceSeconds() - 1e-9);
  }

  @Test
  void aRunCancelledInTheQueueRecordsNothingAndCostsNothing() {
    long session = sessions.defaultFor(user).id();
    AtomicInteger stepsSeen = new AtomicInteger();
    // the worker runs one generation at a time: the second waits behind the first
    Run running =
        generations.submit(
            slow(),
            progress -> {
              if (progress.step() > 0) {
                stepsSeen.set(progress.step());
              }
            });
    Run queued = generations.submit(slow());
    Awaitility.await("the first run's first step")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> stepsSeen.get() > 0);
    double usedBefore = sessions.usage(session).usedDeviceSeconds();

    generations.cancel(queued.id());
    Run cancelled = awaitEnd(queued.id());
    generations.cancel(running.id());
    awaitEnd(running.id());

    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.startedAt()).isNull();
    assertThat(cancelled.timings().steps()).isEmpty();
    assertThat(cancelled.timings().total()).isNull();
    assertThat(cancelled.device()).isNull();
    assertThat(cancelled.deviceSeconds()).isNull();
    assertThat(sessions.usage(session).usedDeviceSeconds())
        .as("only the running one was charged")
        .isCloseTo(
            usedBefore + runs.find(running.id()).orElseThrow().deviceSeconds(), within(1e-6));
  }
}
