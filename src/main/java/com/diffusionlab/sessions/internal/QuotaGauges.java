package com.diffusionlab.sessions.internal;

import com.diffusionlab.DatabaseGauges;
import com.diffusionlab.MetricsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Quota use of the open sessions as gauges, by session id: device-seconds used, reserved (queued
 * and running jobs' estimates) and the budget, and the share of the budget they take. Read from the
 * ledger every {@code dlab.metrics.refresh-interval} in one statement; only the {@code
 * dlab.metrics.max-sessions} sessions nearest to their budget get series, so that their number
 * stays bounded however many sessions there are.
 */
@Component
class QuotaGauges extends DatabaseGauges {

  private final JdbcTemplate jdbc;
  private final int maxSessions;
  private final MultiGauge seconds;
  private final MultiGauge share;

  QuotaGauges(JdbcTemplate jdbc, MetricsProperties properties, MeterRegistry registry) {
    super("quota");
    this.jdbc = jdbc;
    this.maxSessions = properties.maxSessions();
    this.seconds =
        MultiGauge.builder("dlab.session.device")
            .description("an open session's device-seconds: used, reserved, budget")
            .baseUnit("seconds")
            .register(registry);
    this.share =
        MultiGauge.builder("dlab.session.quota.used")
            .description("(used + reserved) / budget of an open session's device-seconds")
            .baseUnit("ratio")
            .register(registry);
  }

  @Override
  protected void read() {
    List<MultiGauge.Row<?>> secondsRows = new ArrayList<>();
    List<MultiGauge.Row<?>> shareRows = new ArrayList<>();
    jdbc.query(
        "select s.id, s.budget_device_seconds,"
            + " coalesce(sum(u.device_seconds), 0) as used,"
            + " coalesce(sum(u.reserved_device_seconds), 0) as reserved"
            + " from playground_sessions s left join usage_ledger u on u.session_id = s.id"
            + " where s.closed_at is null"
            + " group by s.id, s.budget_device_seconds"
            + " order by (coalesce(sum(u.device_seconds), 0)"
            + " + coalesce(sum(u.reserved_device_seconds), 0)) / s.budget_device_seconds desc, s.id"
            + " fetch first ? rows only",
        row -> {
          String session = Long.toString(row.getLong("id"));
          double budget = row.getDouble("budget_device_seconds");
          double used = row.getDouble("used");
          double reserved = row.getDouble("reserved");
          secondsRows.add(MultiGauge.Row.of(Tags.of("session", session, "kind", "used"), used));
          secondsRows.add(
              MultiGauge.Row.of(Tags.of("session", session, "kind", "reserved"), reserved));
          secondsRows.add(MultiGauge.Row.of(Tags.of("session", session, "kind", "budget"), budget));
          shareRows.add(MultiGauge.Row.of(Tags.of("session", session), (used + reserved) / budget));
        },
        maxSessions);
    seconds.register(secondsRows, true);
    share.register(shareRows, true);
  }
}
