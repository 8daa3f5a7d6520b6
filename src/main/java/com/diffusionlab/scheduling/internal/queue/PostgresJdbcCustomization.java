package com.diffusionlab.scheduling.internal.queue;

import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepositoryContext;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Execution;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * db-scheduler's single-statement lock-and-fetch for PostgreSQL ({@code UPDATE … WHERE … IN (SELECT
 * … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}), as db-scheduler 16.7.1 writes it, with the
 * worker's {@link ClaimPolicy} in its inner select: the jobs it can serve, in its order. The
 * fetch-and-lock-on-execute query selects the same way.
 */
final class PostgresJdbcCustomization extends PostgreSqlJdbcCustomization {

  private final ClaimPolicy policy;

  PostgresJdbcCustomization(ClaimPolicy policy) {
    super(false, false);
    this.policy = policy;
  }

  @Override
  public List<Execution> lockAndFetchSingleStatement(
      JdbcTaskRepositoryContext ctx, Instant now, int limit, boolean orderByPriority) {
    List<String> unresolved =
        ctx.taskResolver.getUnresolved().stream()
            .map(TaskResolver.UnresolvedTask::getTaskName)
            .toList();
    String claim =
        "with locked_executions as (update "
            + ctx.tableName
            + " st1 set picked = ?, picked_by = ?, last_heartbeat = ?, version = version + 1"
            + " where (st1.task_name, st1.task_instance) in (select st2.task_name,"
            + " st2.task_instance from "
            + ctx.tableName
            + " st2 where picked = ? and execution_time <= ? "
            + (unresolved.isEmpty()
                ? ""
                : " and task_name not in ("
                    + unresolved.stream().map(name -> "?").collect(Collectors.joining(","))
                    + ")")
            + policy.andCondition("st2")
            + policy.orderPart(ctx.tableName, orderByPriority)
            + " for update skip locked "
            + getQueryLimitPart(limit)
            + ") returning st1.*) select * from locked_executions order by execution_time";
    return ctx.jdbcRunner.query(
        claim,
        statement -> {
          int index = 1;
          statement.setBoolean(index++, true);
          // db-scheduler's column is 50 characters at most in its own scripts
          String name = ctx.schedulerName.getName();
          statement.setString(index++, name.length() > 50 ? name.substring(0, 50) : name);
          setInstant(statement, index++, now);
          statement.setBoolean(index++, false);
          setInstant(statement, index++, now);
          for (String task : unresolved) {
            statement.setString(index++, task);
          }
        },
        ctx.resultSetMapper.get());
  }

  @Override
  public String createSelectDueQuery(
      String tableName, int limit, String andCondition, boolean orderByPriority) {
    return policy.selectDueQuery(
        tableName, andCondition, orderByPriority, getQueryLimitPart(limit));
  }
}
