package com.diffusionlab.scheduling.internal.queue;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Device classes and model affinity on PostgreSQL, in its single-statement claim. */
@SpringJUnitConfig(EmbeddedPostgresConfiguration.class)
class PostgresDeviceAffinityIT extends DeviceAffinityContract {
  @Autowired EmbeddedPostgres postgres;

  @Override
  QueueDatabase createDatabase() throws SQLException {
    return QueueDatabase.newPostgres(
        postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, "device_affinity_it");
  }
}
