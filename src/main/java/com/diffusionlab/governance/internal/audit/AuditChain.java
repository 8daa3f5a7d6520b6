package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.governance.AuditEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends entries to the audit log in the caller's transaction. The one row of {@code
 * audit_chain_head} is locked first ({@code SELECT … FOR UPDATE}), so that appends of concurrent
 * transactions, on this node or another, take turns and each links to the entry committed before
 * it: one chain, numbered without gaps.
 */
@Component
class AuditChain {

  private record Head(long sequence, String hash) {}

  private final JdbcTemplate jdbc;

  AuditChain(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The entry appended; its transaction holds the chain's head until it ends. */
  AuditEntry append(AuditRecord record) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      // without a transaction the head's lock would be released before the entry is written
      throw new IllegalStateException("an audit entry is appended inside a transaction");
    }
    Head head =
        jdbc.queryForObject(
            "select seq, hash from audit_chain_head where id = 1 for update",
            (row, n) -> new Head(row.getLong(1), row.getString(2)));
    // the time is taken under the lock, so that times never go back along the chain on one node
    AuditEntry unsigned =
        new AuditEntry(
            head.sequence() + 1,
            AuditHashes.stored(Instant.now()),
            record.actor(),
            record.address(),
            record.action(),
            record.target(),
            record.outcome(),
            record.detail(),
            head.hash(),
            null);
    AuditEntry entry = withHash(unsigned, AuditHashes.of(unsigned));
    jdbc.update(
        "insert into audit_log (seq, recorded_at, actor, address, action, target, outcome, detail,"
            + " previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entry.sequence(),
        OffsetDateTime.ofInstant(entry.time(), ZoneOffset.UTC),
        entry.actor(),
        entry.address(),
        entry.action(),
        entry.target(),
        entry.outcome().name(),
        entry.detail(),
        entry.previousHash(),
        entry.hash());
    jdbc.update(
        "update audit_chain_head set seq = ?, hash = ? where id = 1",
        entry.sequence(),
        entry.hash());
    return entry;
  }

  private static AuditEntry withHash(AuditEntry entry, String hash) {
    return new AuditEntry(
        entry.sequence(),
        entry.time(),
        entry.actor(),
        entry.address(),
        entry.action(),
        entry.target(),
        entry.outcome(),
        entry.detail(),
        entry.previousHash(),
        hash);
  }
}
