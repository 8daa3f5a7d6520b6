package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceProcess;
import com.diffusionlab.identity.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlab audit verify} and {@code export}: on a workspace as an administrator, and in this
 * process on a data folder, where a changed entry is named and the exit status says so.
 */
class AuditCommandIT extends CliTestSupport {
  @Test
  void anAdministratorVerifiesAndExportsAWorkspacesLog() throws Exception {
    Dlab verify = Dlab.run(asAdmin("audit", "verify"));
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).startsWith("OK: ").contains("entries, chain intact");

    Dlab export = Dlab.run(asAdmin("audit", "export", "--action", "user"));
    assertThat(export.exit()).as(export.err()).isZero();
    List<String> lines = export.out().lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(Dlab.JSON.readTree(line).get("action").asString()).startsWith("user.");
    }

    Path file = folder.resolve("audit.jsonl");
    Dlab toFile = Dlab.run(asAdmin("audit", "export", "-o", file.toString()));
    assertThat(toFile.exit()).as(toFile.err()).isZero();
    JsonNode first = Dlab.JSON.readTree(Files.readAllLines(file).getFirst());
    assertThat(first.get("sequence").asLong()).isEqualTo(1);

    TestUsers.ensure(identity, "viewer-cli", Role.VIEWER);
    Dlab viewer = Dlab.run(on("viewer-cli", TestUsers.PASSWORD, "audit", "verify"));
    assertThat(viewer.exit()).isNotZero();
    Dlab badOutcome = Dlab.run(asAdmin("audit", "export", "--outcome", "x"));
    assertThat(badOutcome.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(badOutcome.err()).contains("outcome=x is not allowed");
  }

  @Test
  void onTheLocalDataFolderAChangedEntryIsNamedAndTheExitStatusSaysSo() throws Exception {
    Path data = folder.resolve("data");
    Path models = Files.createDirectories(folder.resolve("models"));
    WorkspaceProcess.Result added =
        WorkspaceProcess.run(
            data,
            models,
            Duration.ofMinutes(3),
            "users",
            "add",
            "local-cy",
            "--role",
            "viewer",
            "--one-time-password",
            TestUsers.ONE_TIME);
    assertThat(added.exit()).as(added.err() + added.out()).isZero();

    // as someone with the database file in hand, behind the workspace's back
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:h2:file:" + data.resolve("db/diffusion-lab"), "sa", "");
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "update audit_log set detail = 'role ADMIN' where action = 'user.add' and target ="
              + " 'user local-cy'");
    }

    WorkspaceProcess.Result verified =
        WorkspaceProcess.run(data, models, Duration.ofMinutes(3), "audit", "verify");
    assertThat(verified.exit()).as(verified.err()).isEqualTo(AuditCommand.EXIT_BROKEN);
    assertThat(verified.out())
        .isEqualToIgnoringNewLines(
            "BROKEN at entry 2: its fields do not give its hash (changed after it was written)");
  }
}
