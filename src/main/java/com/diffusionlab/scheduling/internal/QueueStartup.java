package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.internal.queue.BoundedRevive;
import com.diffusionlab.scheduling.internal.queue.FairShareClock;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.scheduling.internal.queue.QueueWorker;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once the models are registered: queues any queued run that has no job (a database restored from a
 * backup, for instance; runs and jobs are otherwise written together), then starts this node's
 * worker, which first revives the jobs this node's previous process left running.
 */
@Component
@Order(2)
class QueueStartup implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QueueStartup.class);

  private final RunService runs;
  private final JobQueue queue;
  private final QueueWorker worker;
  private final Task<Void> task;
  private final BoundedRevive<Void> revive;
  private final ReplayComparison replays;
  private final TransactionTemplate transactions;
  private final SessionService sessions;

  QueueStartup(
      RunService runs,
      JobQueue queue,
      QueueWorker worker,
      Task<Void> task,
      BoundedRevive<Void> revive,
      ReplayComparison replays,
      TransactionTemplate transactions,
      SessionService sessions) {
    this.runs = runs;
    this.queue = queue;
    this.worker = worker;
    this.task = task;
    this.revive = revive;
    this.replays = replays;
    this.transactions = transactions;
    this.sessions = sessions;
  }

  @Override
  public void run(ApplicationArguments args) {
    Set<Long> missing = queue.missing(runs.queued());
    for (long runId : missing) {
      try {
        transactions.executeWithoutResult(
            status ->
                runs.find(runId)
                    .filter(run -> run.status() == RunStatus.QUEUED)
                    .ifPresent(this::enqueue));
      } catch (RuntimeException e) {
        // another node starting at the same time queued it first
        LOG.info("run {}: not queued here ({})", runId, e.getMessage());
      }
    }
    if (!missing.isEmpty()) {
      LOG.warn("{} queued runs had no job in the queue; queued them", missing.size());
    }
    worker.start(task, revive);
  }

  private void enqueue(Run run) {
    queue.enqueue(
        run.id(),
        run.sessionId(),
        run.estimateSeconds() == null ? 0 : run.estimateSeconds(),
        sessions
            .find(run.sessionId())
            .map(PlaygroundSession::priority)
            .orElse((int) FairShareClock.EQUAL_SHARE),
        replays.jobNeeds(run.parentId(), run.settings().model()));
  }
}
