package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.Queries;

/**
 * db-scheduler on H2. db-scheduler does not know H2 and treats it as an unknown database
 * (fetch-and-lock-on-execute only), but H2 2.x has {@code SELECT … FOR UPDATE SKIP LOCKED}, so its
 * generic lock-and-fetch works there too; H2 wants the lock clause after {@code FETCH FIRST}.
 */
final class H2JdbcCustomization extends DefaultJdbcCustomization {

  H2JdbcCustomization() {
    // TIMESTAMP WITH TIME ZONE keeps the instant, as on PostgreSQL
    super(false);
  }

  @Override
  public String getName() {
    return "H2";
  }

  @Override
  public boolean supportsGenericLockAndFetch() {
    return true;
  }

  @Override
  public String createGenericSelectForUpdateQuery(
      String tableName, int limit, String requiredAndCondition, boolean orderByPriority) {
    return Queries.selectForUpdate(
        tableName,
        Queries.ansiSqlOrderPart(orderByPriority),
        getQueryLimitPart(limit),
        requiredAndCondition,
        null,
        null,
        " FOR UPDATE SKIP LOCKED");
  }
}
