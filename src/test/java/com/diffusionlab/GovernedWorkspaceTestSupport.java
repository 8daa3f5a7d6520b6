package com.diffusionlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A workspace with tight sign-in throttling and rate limits, a prompt policy, a clock the tests
 * move forward and a record of the audit events published: for the tests of governance rules, which
 * share this one context. Its own data folder, so that its locks and blocks touch no other
 * workspace's sign-ins. Each test starts an hour and more after the last one: every bucket is full
 * again and every count of failed sign-ins forgotten (a lock stays).
 */
@WorkspaceApplicationTest
@TestPropertySource(
    properties = {
      "dlab.sign-in.delay-after=3",
      "dlab.sign-in.first-delay=10s",
      "dlab.sign-in.max-delay=80s",
      "dlab.sign-in.lock-after=6",
      "dlab.sign-in.address-delay-after=8",
      "dlab.sign-in.address-block-after=10",
      "dlab.sign-in.address-block-for=15m",
      "dlab.sign-in.forget-after=1h",
      "dlab.rate-limits.user.read-burst=20",
      "dlab.rate-limits.user.reads-per-second=10",
      "dlab.rate-limits.user.write-burst=20",
      "dlab.rate-limits.user.writes-per-second=10",
      "dlab.prompt-policy.deny-words=forbidden,Red Panda",
      "dlab.prompt-policy.deny-patterns[0]=b[a4]d\\\\s*w[o0]rd"
    })
@Import(GovernedWorkspaceTestSupport.Instruments.class)
public abstract class GovernedWorkspaceTestSupport {

  protected static final String ADMIN_PASSWORD = WorkspaceTestSupport.ADMIN_PASSWORD;

  private static final Path DATA;

  static {
    try {
      DATA = Files.createTempDirectory("dlab-governed-it-");
      Path models = Files.createDirectories(DATA.resolve("models"));
      Files.createSymbolicLink(
          models.resolve("tiny-shapes"), Path.of("models/tiny-shapes").toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired protected MutableClock clock;
  @Autowired protected AuditEvents audit;

  @BeforeEach
  void anHourLaterThroughThisWorkspace(@Autowired ApplicationContext context) {
    TestUsers.signInThrough(context);
    clock.advance(Duration.ofHours(2));
  }

  @DynamicPropertySource
  static void folders(DynamicPropertyRegistry registry) {
    registry.add("dlab.data-dir", DATA::toString);
    registry.add("dlab.models-dir", () -> DATA.resolve("models").toString());
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:file:" + DATA.resolve("db/test") + ";DB_CLOSE_ON_EXIT=FALSE");
  }

  /** Every audit event published in this workspace, in order. */
  public static final class AuditEvents {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void published(AuditEvent event) {
      events.add(event);
    }

    public List<AuditEvent> all() {
      return List.copyOf(events);
    }
  }

  @TestConfiguration
  static class Instruments {
    @Bean
    MutableClock clock() {
      return new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    }

    @Bean
    AuditEvents auditEvents() {
      return new AuditEvents();
    }
  }
}
