package com.diffusionlab;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application ({@link WorkspaceApplicationTest}) on a real PostgreSQL server, as
 * production runs it: Spring Boot's connection pool, the worker's own pool, a fresh data folder and
 * the test models folder. The server can be stopped and started again ({@link RestartablePostgres})
 * while the application runs. Test classes that extend this share one application context.
 */
@WorkspaceApplicationTest
@Import(PostgresWorkspaceTestSupport.Database.class)
public abstract class PostgresWorkspaceTestSupport {

  protected static final String ADMIN_PASSWORD = WorkspaceTestSupport.ADMIN_PASSWORD;

  private static final Path DATA;

  static {
    try {
      DATA = Files.createTempDirectory("dlab-pg-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void signInThroughThisWorkspace(@Autowired ApplicationContext context) {
    TestUsers.signInThrough(context);
  }

  @DynamicPropertySource
  static void folders(DynamicPropertyRegistry registry) {
    registry.add("dlab.data-dir", DATA::toString);
    registry.add("dlab.models-dir", () -> WorkspaceTestSupport.modelsFolder().toString());
  }

  /**
   * The server and the application's pool on it (Spring closes the pool first: it depends on the
   * server).
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class Database {
    @Bean(destroyMethod = "close")
    RestartablePostgres restartablePostgres() throws IOException {
      return RestartablePostgres.start();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(RestartablePostgres postgres) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("dlab-app");
      config.setJdbcUrl(postgres.jdbcUrl());
      config.setUsername(postgres.user());
      // while the server is stopped a request fails after 10 s rather than Hikari's 30
      config.setConnectionTimeout(10_000);
      return new HikariDataSource(config);
    }
  }
}
