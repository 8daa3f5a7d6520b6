package com.diffusionlab.tracking;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The migrations on a real PostgreSQL server. */
@SpringJUnitConfig(EmbeddedPostgresConfiguration.class)
class PostgresMigrationIT extends MigrationContract {
  @Autowired DataSource dataSource;

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
