package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.Queries;

/**
 * db-scheduler on H2. db-scheduler does not know H2 and treats it as an unknown database
 * (fetch-and-lock-on-execute only), but H2 2.x has {@code SELECT … FOR UPDATE SKIP LOCKED}, so its
 * generic lock-and-fetch works there too; H2 wants the lock clause after {@code FETCH FIRST}. Both
 * ways of claiming select with the worker's {@link ClaimPolicy}.
 */
final class H2JdbcCustomization extends DefaultJdbcCustomization {

  private final ClaimPolicy policy;

  H2JdbcCustomization(ClaimPolicy policy) {
    // TIMESTAMP WITH TIME ZONE keeps the instant, as on PostgreSQL
    super(false);
    this.policy = policy;
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
        policy.orderPart(tableName, orderByPriority),
        getQueryLimitPart(limit),
        requiredAndCondition + policy.andCondition(null),
        null,
        null,
        " FOR UPDATE SKIP LOCKED");
  }

  @Override
  public String createSelectDueQuery(
      String tableName, int limit, String andCondition, boolean orderByPriority) {
    return policy.selectDueQuery(
        tableName, andCondition, orderByPriority, getQueryLimitPart(limit));
  }
}
