package com.diffusionlab.scheduling;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.scheduling.internal.GenerationWorker;
import com.diffusionlab.scheduling.internal.SweepCellEntity;
import com.diffusionlab.scheduling.internal.SweepCellRepository;
import com.diffusionlab.scheduling.internal.SweepEntity;
import com.diffusionlab.scheduling.internal.SweepRepository;
import com.diffusionlab.sessions.QuotaExceededException;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunEnded;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds running sweeps to the queue cell by cell, as the session has room: a cell is submitted like
 * any generation (same validation and quota), and each run that ends makes room for the next. After
 * a restart, the cells a crash interrupted run again and the others are not repeated.
 */
@Component
@Order(3)
class SweepRunner implements ApplicationRunner, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
  private static final int MAX_ATTEMPTS = 3;

  private final SweepRepository sweeps;
  private final SweepCellRepository cells;
  private final GenerationService generations;
  private final RunService runs;
  private final IdentityService identity;
  private final JsonMapper json;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean resumed;
  private static final String THREAD = "dlab-sweeps";
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name(THREAD).daemon().factory());

  SweepRunner(
      SweepRepository sweeps,
      SweepCellRepository cells,
      GenerationService generations,
      RunService runs,
      IdentityService identity,
      JsonMapper json) {
    this.sweeps = sweeps;
    this.cells = cells;
    this.generations = generations;
    this.runs = runs;
    this.identity = identity;
    this.json = json;
  }

  /** Resumes the sweeps a restart interrupted: their interrupted cells run again. */
  @Override
  public void run(ApplicationArguments args) {
    resumed = true;
    for (SweepEntity sweep : sweeps.findByStatus(SweepEntity.Status.RUNNING)) {
      for (SweepCellEntity cell : cells.findByKeySweepIdOrderByKeyIndex(sweep.id())) {
        if (cell.runId() != null && cell.attempts() < MAX_ATTEMPTS && interrupted(cell.runId())) {
          cell.retry();
          cells.save(cell);
        }
      }
      advanceLater(sweep.id());
    }
  }

  private boolean interrupted(long runId) {
    return runs.find(runId)
        .map(
            run ->
                run.status() == RunStatus.FAILED
                    && GenerationWorker.INTERRUPTED.equals(run.error()))
        .orElse(true);
  }

  /**
   * A run that ended makes room in its session, for the next cell of any sweep waiting there (the
   * run need not be a sweep's), or finishes its own sweep. The event is kept in Spring Modulith's
   * event publication registry until this returns, so it waits for the sweeps to have advanced (on
   * the sweeps' thread, outside the ended run's finished transaction): a crash before then leaves
   * the event to be delivered again at the next start.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void runEnded(RunEnded event) {
    if (!resumed) {
      // delivered again at start, before the models are registered: the start resumes every
      // running sweep once they are
      return;
    }
    for (SweepEntity sweep :
        sweeps.findByStatusAndSessionId(SweepEntity.Status.RUNNING, event.sessionId())) {
      if (Thread.currentThread().getName().equals(THREAD)) {
        advance(sweep.id());
      } else {
        try {
          executor.submit(() -> advance(sweep.id())).get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("sweep " + sweep.id() + " could not advance", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted advancing sweep " + sweep.id(), e);
        }
      }
    }
  }

  void advanceLater(long sweepId) {
    executor.execute(
        () -> {
          try {
            advance(sweepId);
          } catch (RuntimeException e) {
            LOG.warn("sweep {} could not advance", sweepId, e);
          }
        });
  }

  /** Submits waiting cells while the session admits them; ends the sweep when every cell has. */
  void advance(long sweepId) {
    lock.lock();
    try {
      SweepEntity sweep = sweeps.findById(sweepId).orElseThrow();
      if (sweep.status() != SweepEntity.Status.RUNNING) {
        return;
      }
      LabUser owner = identity.find(sweep.ownerId()).orElseThrow();
      List<SweepCellEntity> all = cells.findByKeySweepIdOrderByKeyIndex(sweepId);
      for (SweepCellEntity cell : all) {
        if (cell.runId() != null) {
          continue;
        }
        try {
          GenerationSettings settings = json.readValue(cell.settings(), GenerationSettings.class);
          PreparedGeneration prepared =
              generations
                  .prepare(owner, new GenerationSubmission(sweep.sessionId(), null, settings), null)
                  .inExperiment(sweep.experimentId());
          Run run = generations.enqueue(prepared, null);
          cell.submitted(run.id());
          cells.save(cell);
        } catch (QuotaExceededException e) {
          if (waitsForRoom(e)) {
            return;
          }
          stop(sweep, "cell " + cell.axisValues() + ": " + e.getMessage());
          return;
        } catch (InvalidRequestException e) {
          stop(sweep, "cell " + cell.axisValues() + ": " + e.getMessage());
          return;
        }
      }
      boolean done =
          all.stream()
              .allMatch(
                  cell -> runs.find(cell.runId()).map(run -> run.status().finished()).orElse(true));
      if (done) {
        sweep.end(SweepEntity.Status.FINISHED, null, Instant.now());
        sweeps.save(sweep);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The session is busy: the cell waits until a run of the session ends. */
  private static boolean waitsForRoom(QuotaExceededException e) {
    return e.retryAfter().isPresent();
  }

  private void stop(SweepEntity sweep, String reason) {
    sweep.end(SweepEntity.Status.FAILED, reason, Instant.now());
    sweeps.save(sweep);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
