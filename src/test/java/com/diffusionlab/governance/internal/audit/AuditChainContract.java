package com.diffusionlab.governance.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.AuditEvent.Outcome;
import com.diffusionlab.governance.AuditEntry;
import com.diffusionlab.governance.AuditQuery;
import com.diffusionlab.governance.AuditVerification;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain on a database: appends link, the documented encoding gives the hashes, parallel appends
 * from many transactions form one chain, and verification names the first entry that a change made
 * behind the application's back broke.
 */
abstract class AuditChainContract {

  /** The application's connection to a new, migrated database with an empty log. */
  abstract DataSource freshDatabase() throws Exception;

  /** Changes rows as someone the application's guards do not stop. */
  abstract void tamper(String sql);

  private AuditChain chain;
  private AuditReader reader;
  private TransactionTemplate transactions;

  @BeforeEach
  void chain() throws Exception {
    DataSource app = freshDatabase();
    chain = new AuditChain(new JdbcTemplate(app));
    reader = new AuditReader(app);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(app));
  }

  private AuditEntry append(String action, String target) {
    return transactions.execute(
        status ->
            chain.append(
                new AuditRecord("alice", "10.0.0.7", action, target, Outcome.SUCCEEDED, "")));
  }

  private AuditVerification verify() {
    return transactions.execute(status -> AuditVerifier.verify(reader));
  }

  private void appendFive() {
    for (int i = 1; i <= 5; i++) {
      append("session.create", "session " + i);
    }
  }

  @Test
  void entriesLinkAndTheirHashesFollowTheDocumentedEncoding() throws Exception {
    AuditEntry first = append("user.add", "user bob");
    AuditEntry second = append("user.role", "user bob");

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.previousHash()).isEqualTo("0".repeat(64));
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(first.hash()).isEqualTo(documentedHash(first));
    List<AuditEntry> stored = new ArrayList<>();
    reader.forEach(AuditQuery.ALL, stored::add);
    assertThat(stored).containsExactly(first, second);
    assertThat(verify()).isEqualTo(new AuditVerification(2, 2, null, null));
  }

  /** The encoding as README and {@link AuditHashes} describe it, written out independently. */
  private static String documentedHash(AuditEntry entry) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (String field :
        List.of(
            entry.previousHash(),
            String.valueOf(entry.sequence()),
            AuditHashes.time(entry.time()),
            entry.actor(),
            entry.address(),
            entry.action(),
            entry.target(),
            entry.outcome().name(),
            entry.detail())) {
      writeField(out, field);
    }
    assertThat(AuditHashes.time(entry.time()))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }

  private static void writeField(DataOutputStream out, String field) throws IOException {
    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  @Test
  void aChangedFieldIsNamed() {
    appendFive();
    tamper("update audit_log set target = 'session 99' where seq = 3");

    assertThat(verify())
        .isEqualTo(
            new AuditVerification(
                2, 5, 3L, "its fields do not give its hash (changed after it was written)"));
  }

  @Test
  void aDeletedEntryIsNamed() {
    appendFive();
    tamper("delete from audit_log where seq = 3");

    AuditVerification verification = verify();
    assertThat(verification.brokenAt()).isEqualTo(3);
    assertThat(verification.problem()).contains("from entry 2 to entry 4", "deleted");
  }

  @Test
  void entriesDeletedAtTheEndAreNamed() {
    appendFive();
    tamper("delete from audit_log where seq >= 4");

    AuditVerification verification = verify();
    assertThat(verification.brokenAt()).isEqualTo(4);
    assertThat(verification.problem()).contains("ends at entry 3", "head is entry 5");
  }

  @Test
  void reorderedEntriesAreNamed() {
    appendFive();
    tamper("update audit_log set seq = -2 where seq = 2");
    tamper("update audit_log set seq = 2 where seq = 3");
    tamper("update audit_log set seq = 3 where seq = -2");

    AuditVerification verification = verify();
    assertThat(verification.brokenAt()).isEqualTo(2);
    assertThat(verification.problem()).contains("previous hash is not the hash of entry 1");
  }

  @Test
  void parallelAppendsFormOneChain() throws Exception {
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> appenders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        appenders.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    append("run.submit", "run " + thread + "-" + i);
                  }
                }));
      }
      for (Future<?> appender : appenders) {
        appender.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(verify())
        .isEqualTo(new AuditVerification(threads * each, threads * each, null, null));
    assertThat(reader.count(new AuditQuery(null, "run", null, null, null)))
        .isEqualTo(threads * each);
  }
}
