package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.AuditEvent.Outcome;
import com.diffusionlab.governance.AuditEntry;
import com.diffusionlab.governance.AuditQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the audit log: pages newest first, and every entry in chain order one at a time (the
 * database sends them in batches; the log is never held in memory). Streaming needs the caller's
 * transaction: PostgreSQL's driver fetches in batches only outside auto-commit.
 */
@Component
public class AuditReader {
  private static final int FETCH = 500;
  private static final String COLUMNS =
      "seq, recorded_at, actor, address, action, target, outcome, detail, previous_hash, hash";

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;

  public AuditReader(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.streaming = new JdbcTemplate(dataSource);
    streaming.setFetchSize(FETCH);
  }

  /** Newest first. */
  public List<AuditEntry> page(AuditQuery query, long offset, int size) {
    Where where = Where.of(query);
    List<Object> arguments = new ArrayList<>(where.arguments());
    arguments.add(size);
    arguments.add(offset);
    return jdbc.query(
        "select "
            + COLUMNS
            + " from audit_log"
            + where.sql()
            + " order by seq desc limit ? offset ?",
        (row, n) -> entry(row),
        arguments.toArray());
  }

  public long count(AuditQuery query) {
    Where where = Where.of(query);
    Long count =
        jdbc.queryForObject(
            "select count(*) from audit_log" + where.sql(),
            Long.class,
            where.arguments().toArray());
    return count == null ? 0 : count;
  }

  /** The entries {@code query} selects in chain order, to {@code each}. */
  public void forEach(AuditQuery query, Consumer<AuditEntry> each) {
    Where where = Where.of(query);
    streaming.query(
        "select " + COLUMNS + " from audit_log" + where.sql() + " order by seq",
        row -> {
          each.accept(entry(row));
        },
        where.arguments().toArray());
  }

  /** The head's sequence number and hash: what the last entry should be. */
  public Head head() {
    return jdbc.queryForObject(
        "select seq, hash from audit_chain_head where id = 1",
        (row, n) -> new Head(row.getLong(1), row.getString(2)));
  }

  /** What {@code audit_chain_head} holds. */
  public record Head(long sequence, String hash) {}

  private static AuditEntry entry(ResultSet row) throws SQLException {
    return new AuditEntry(
        row.getLong(1),
        row.getObject(2, OffsetDateTime.class).toInstant(),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        Outcome.valueOf(row.getString(7)),
        row.getString(8),
        row.getString(9),
        row.getString(10));
  }

  /** A query's conditions as SQL with its arguments. */
  private record Where(String sql, List<Object> arguments) {
    static Where of(AuditQuery query) {
      List<String> conditions = new ArrayList<>();
      List<Object> arguments = new ArrayList<>();
      if (query.actor() != null) {
        conditions.add("actor = ?");
        arguments.add(query.actor());
      }
      if (query.action() != null) {
        conditions.add("(action = ? or action like ?)");
        arguments.add(query.action());
        // the action pattern allows no % or _ , so the prefix needs no escaping
        arguments.add(query.action() + ".%");
      }
      if (query.outcome() != null) {
        conditions.add("outcome = ?");
        arguments.add(query.outcome().name());
      }
      if (query.from() != null) {
        conditions.add("recorded_at >= ?");
        arguments.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
      }
      if (query.to() != null) {
        conditions.add("recorded_at < ?");
        arguments.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
      }
      return new Where(
          conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), arguments);
    }
  }
}
