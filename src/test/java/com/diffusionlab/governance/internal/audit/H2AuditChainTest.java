package com.diffusionlab.governance.internal.audit;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit chain on H2, the embedded default, each test on a new in-memory database. */
class H2AuditChainTest extends AuditChainContract {

  private JdbcDataSource dataSource;

  @Override
  DataSource freshDatabase() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/h2")
        .load()
        .migrate();
    return dataSource;
  }

  @Override
  void tamper(String sql) {
    new JdbcTemplate(dataSource).update(sql);
  }
}
