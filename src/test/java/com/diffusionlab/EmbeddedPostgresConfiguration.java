package com.diffusionlab;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A real PostgreSQL server for tests, started from Maven artifacts (no Docker). Spring closes it
 * with the context; closing it in an {@code @AfterAll} would make the JVM wait at exit.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedPostgresConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres() throws IOException {
    return EmbeddedPostgres.builder().start();
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres) {
    return postgres.getPostgresDatabase();
  }
}
