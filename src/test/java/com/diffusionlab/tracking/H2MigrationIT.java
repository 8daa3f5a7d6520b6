package com.diffusionlab.tracking;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The migrations on H2, the embedded default. */
class H2MigrationIT extends MigrationContract {
  private final DataSource dataSource =
      new DriverManagerDataSource(
          "jdbc:h2:mem:migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
