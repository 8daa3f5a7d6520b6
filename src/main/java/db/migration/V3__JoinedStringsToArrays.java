package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 3, the part of issue 12's change that SQL cannot say the same way on H2 and
 * PostgreSQL: it moves the comma-joined step times and newline-joined warnings into the array
 * columns V2 added, and drops the old per-session unique rule on experiment names, which both
 * databases created without a name of ours. Flyway finds it on the classpath beside the SQL
 * migrations (package {@code db.migration}).
 */
public class V3__JoinedStringsToArrays extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    dropSessionNameRule(connection);
    moveJoinedStrings(connection);
  }

  private static void dropSessionNameRule(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select constraint_name from information_schema.table_constraints"
                    + " where lower(table_name) = 'experiments' and constraint_type = 'UNIQUE'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String name : names) {
        statement.execute(
            "alter table experiments drop constraint \"" + name.replace("\"", "\"\"") + "\"");
      }
    }
  }

  private static void moveJoinedStrings(Connection connection) throws SQLException {
    try (Statement select = connection.createStatement();
        ResultSet rows =
            select.executeQuery(
                "select id, step_seconds, warnings from runs"
                    + " where step_seconds is not null or warnings is not null");
        PreparedStatement update =
            connection.prepareStatement(
                "update runs set step_durations = ?, warning_messages = ? where id = ?")) {
      int pending = 0;
      while (rows.next()) {
        update.setObject(1, steps(rows.getString(2)));
        update.setObject(2, warnings(rows.getString(3)));
        update.setLong(3, rows.getLong(1));
        update.addBatch();
        if (++pending == 1000) {
          update.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        update.executeBatch();
      }
    }
  }

  private static Double[] steps(String joined) {
    if (joined == null || joined.isBlank()) {
      return new Double[0];
    }
    return Arrays.stream(joined.split(",")).map(Double::valueOf).toArray(Double[]::new);
  }

  private static String[] warnings(String joined) {
    return joined == null || joined.isEmpty() ? new String[0] : joined.split("\n");
  }
}
