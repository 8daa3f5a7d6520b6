package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.AuditEvent.Outcome;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends every {@link AuditEvent} to the chain, in the transaction its outcome calls for:
 *
 * <ul>
 *   <li>a succeeded action's entry is written in the publishing transaction, just before it commits
 *       (after the action's own changes are flushed, so that the chain's head is the last lock the
 *       transaction takes and is held only while it commits): it commits or rolls back with the
 *       action. Published in a read-only transaction, it is written once that commits; published
 *       outside any, at once in its own.
 *   <li>a refused or failed action's entry is written at once in a transaction of its own, which
 *       commits whatever becomes of the publishing one.
 * </ul>
 */
@Component
class AuditRecorder {

  private final AuditChain chain;
  private final EntityManager entityManager;
  private final EntityManagerFactory entityManagerFactory;
  private final TransactionTemplate own;

  AuditRecorder(
      AuditChain chain,
      EntityManager entityManager,
      EntityManagerFactory entityManagerFactory,
      PlatformTransactionManager transactions) {
    this.chain = chain;
    this.entityManager = entityManager;
    this.entityManagerFactory = entityManagerFactory;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @EventListener
  void record(AuditEvent event) {
    AuditRecord record = AuditOrigin.of(event);
    boolean inTransaction =
        TransactionSynchronizationManager.isActualTransactionActive()
            && TransactionSynchronizationManager.isSynchronizationActive();
    if (event.outcome() != Outcome.SUCCEEDED || !inTransaction) {
      appendAlone(record);
    } else if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              appendAlone(record);
            }
          });
    } else {
      pending().add(record);
    }
  }

  private void appendAlone(AuditRecord record) {
    own.executeWithoutResult(status -> chain.append(record));
  }

  /**
   * The entries the current transaction will append before it commits, registered with it the first
   * time.
   */
  private List<AuditRecord> pending() {
    if (TransactionSynchronizationManager.getResource(this) instanceof PendingEntries entries) {
      return entries.records;
    }
    PendingEntries entries = new PendingEntries();
    TransactionSynchronizationManager.bindResource(this, entries);
    TransactionSynchronizationManager.registerSynchronization(entries);
    return entries.records;
  }

  private final class PendingEntries implements TransactionSynchronization {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResource(AuditRecorder.this);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(AuditRecorder.this, this);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (TransactionSynchronizationManager.hasResource(entityManagerFactory)) {
        entityManager.flush();
      }
      records.forEach(chain::append);
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(AuditRecorder.this);
    }
  }
}
