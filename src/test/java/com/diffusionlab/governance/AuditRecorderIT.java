package com.diffusionlab.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.AuditEvent.Outcome;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit events become entries in the transaction their outcome calls for: a success commits or
 * rolls back with its action, a refusal is kept when the action's transaction rolls back; the actor
 * is the signed-in user unless the event names one. Only administrators read the log.
 */
class AuditRecorderIT extends WorkspaceTestSupport {
  private static final AtomicInteger TARGETS = new AtomicInteger();

  @Autowired ApplicationEventPublisher events;
  @Autowired PlatformTransactionManager transactions;
  @Autowired AuditLogService audit;
  @Autowired IdentityService identity;

  private static String target() {
    return "thing " + TARGETS.incrementAndGet() + "-" + System.nanoTime();
  }

  private List<AuditEntry> entries(String target) {
    return TestUsers.call(
            "auditor",
            Role.ADMIN,
            () -> audit.page(new AuditQuery(null, "test", null, null, null), 0, 500))
        .getContent()
        .stream()
        .filter(entry -> entry.target().equals(target))
        .toList();
  }

  @Test
  void aRefusalIsKeptWhenItsActionRollsBack() {
    String target = target();
    TestUsers.as(
        "mallory",
        Role.RESEARCHER,
        () ->
            new TransactionTemplate(transactions)
                .executeWithoutResult(
                    status -> {
                      events.publishEvent(AuditEvent.refused("test.refuse", target, "no"));
                      status.setRollbackOnly();
                    }));

    assertThat(entries(target))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.actor()).isEqualTo("mallory");
              assertThat(entry.outcome()).isEqualTo(Outcome.REFUSED);
              assertThat(entry.detail()).isEqualTo("no");
              assertThat(entry.address()).as("no request in this thread").isEmpty();
            });
  }

  @Test
  void aSuccessCommitsOrRollsBackWithItsAction() {
    String rolledBack = target();
    String committed = target();
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    assertThatThrownBy(
            () ->
                transaction.executeWithoutResult(
                    status -> {
                      events.publishEvent(AuditEvent.succeeded("test.act", rolledBack));
                      throw new IllegalStateException("the action failed");
                    }))
        .hasMessage("the action failed");
    transaction.executeWithoutResult(
        status -> events.publishEvent(AuditEvent.succeeded("test.act", committed)));

    assertThat(entries(rolledBack)).isEmpty();
    assertThat(entries(committed))
        .singleElement()
        .satisfies(entry -> assertThat(entry.actor()).as("no one signed in").isEqualTo("(system)"));
  }

  @Test
  void aSuccessInAReadOnlyTransactionIsWrittenOnceItCommits() {
    String target = target();
    TransactionTemplate readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    readOnly.executeWithoutResult(
        status ->
            events.publishEvent(AuditEvent.succeeded("test.read", target).by("ops", "10.1.2.3")));

    assertThat(entries(target))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.actor()).isEqualTo("ops");
              assertThat(entry.address()).isEqualTo("10.1.2.3");
            });
  }

  @Test
  void identityActionsAreAudited() {
    String name = "audited-" + TARGETS.incrementAndGet();
    TestUsers.ensure(identity, name, Role.VIEWER);
    TestUsers.as(
        "test-admin",
        Role.ADMIN,
        () ->
            identity.update(
                name, new com.diffusionlab.identity.AccountChanges(Role.RESEARCHER, false)));

    List<String> actions =
        TestUsers.call(
                "auditor",
                Role.ADMIN,
                () -> audit.page(new AuditQuery(null, "user", null, null, null), 0, 500))
            .getContent()
            .stream()
            .filter(entry -> entry.target().equals("user " + name))
            .map(entry -> entry.actor() + " " + entry.action() + " " + entry.detail())
            .toList();
    assertThat(actions)
        .containsExactly(
            "test-admin user.disable ",
            "test-admin user.role VIEWER → RESEARCHER",
            name + " user.password-change ",
            "test-admin user.add role VIEWER, one-time password");
  }

  @Test
  void onlyAdministratorsReadTheLog() {
    TestUsers.as(
        "rita",
        Role.RESEARCHER,
        () -> {
          assertThatThrownBy(() -> audit.page(AuditQuery.ALL, 0, 10))
              .isInstanceOf(AccessDeniedException.class);
          assertThatThrownBy(() -> audit.verify()).isInstanceOf(AccessDeniedException.class);
          assertThatThrownBy(() -> audit.count(AuditQuery.ALL))
              .isInstanceOf(AccessDeniedException.class);
        });
    assertThat(TestUsers.call("auditor", Role.ADMIN, audit::verify).intact()).isTrue();
  }
}
