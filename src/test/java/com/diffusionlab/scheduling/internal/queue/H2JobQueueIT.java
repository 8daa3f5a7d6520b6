package com.diffusionlab.scheduling.internal.queue;

import com.diffusionlab.scheduling.internal.queue.QueueSettings.Polling;
import java.util.List;

/**
 * The job queue on H2, the embedded default: fetch-and-lock-on-execute, which db-scheduler runs on
 * any database; lock-and-fetch through {@link H2JdbcCustomization} is checked too.
 */
class H2JobQueueIT extends JobQueueContract {

  @Override
  QueueDatabase createDatabase() {
    return QueueDatabase.h2("job_queue_it");
  }

  @Override
  Polling polling() {
    return Polling.FETCH_AND_LOCK_ON_EXECUTE;
  }

  @Override
  List<Polling> pollings() {
    return List.of(Polling.FETCH_AND_LOCK_ON_EXECUTE, Polling.LOCK_AND_FETCH);
  }
}
