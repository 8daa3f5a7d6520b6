package com.diffusionlab.scheduling;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The test workspace's one device slot, held by a run of 20 steps that its watcher stops at its
 * first step (on the worker's thread) until this is closed: jobs queued meanwhile wait, in a queue
 * that held nothing else.
 */
public final class HeldSlot implements AutoCloseable {
  private final Run run;
  private final CountDownLatch release;

  private HeldSlot(Run run, CountDownLatch release) {
    this.run = run;
    this.release = release;
  }

  /** Waits for the queue to empty, then holds the slot with a run of {@code owner}'s session. */
  public static HeldSlot hold(
      GenerationService generations, JdbcTemplate jdbc, LabUser owner, long sessionId)
      throws InterruptedException {
    Awaitility.await("an empty queue")
        .atMost(Duration.ofMinutes(2))
        .until(() -> jdbc.queryForObject("select count(*) from job_queue", Long.class) == 0);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Run run =
        TestUsers.call(
            owner.username(),
            Role.RESEARCHER,
            () ->
                generations.submit(
                    new GenerationSubmission(
                        sessionId,
                        null,
                        GenerationSettings.of("tiny-shapes", "three small blue stars")
                            .with("steps", 20)),
                    progress -> {
                      if (progress.status() == RunStatus.RUNNING && progress.step() == 1) {
                        held.countDown();
                        await(release);
                      }
                    }));
    if (!held.await(2, TimeUnit.MINUTES)) {
      release.countDown();
      throw new IllegalStateException("run " + run.id() + " did not reach its first step");
    }
    return new HeldSlot(run, release);
  }

  /** The run that holds the slot. */
  public Run run() {
    return run;
  }

  /** Lets the run go on. */
  @Override
  public void close() {
    release.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(3, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
