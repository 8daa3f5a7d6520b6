package com.diffusionlab.scheduling.internal.queue;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import com.diffusionlab.scheduling.internal.queue.QueueSettings.Polling;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The job queue on PostgreSQL, claiming with {@code SELECT … FOR UPDATE SKIP LOCKED}. */
@SpringJUnitConfig(EmbeddedPostgresConfiguration.class)
class PostgresJobQueueIT extends JobQueueContract {
  @Autowired EmbeddedPostgres postgres;

  @Override
  QueueDatabase createDatabase() throws SQLException {
    return QueueDatabase.newPostgres(
        postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, "job_queue_it");
  }

  @Override
  Polling polling() {
    return Polling.LOCK_AND_FETCH;
  }

  @Override
  List<Polling> pollings() {
    return List.of(Polling.LOCK_AND_FETCH, Polling.FETCH_AND_LOCK_ON_EXECUTE);
  }
}
