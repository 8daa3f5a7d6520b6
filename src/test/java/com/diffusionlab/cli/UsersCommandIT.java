package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceProcess;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.identity.internal.SignInThrottle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlab users}: on a running workspace as an administrator (the same rules as the UI and the
 * REST API), and without a server in the process on a local data folder, the operator's way in.
 */
class UsersCommandIT extends CliTestSupport {
  @Autowired SignInThrottle throttle;

  private UserAccount account(String username) {
    return TestUsers.call("test-admin", Role.ADMIN, () -> identity.account(username));
  }

  @Test
  void anAdministratorManagesUsersOnAWorkspace() {
    Dlab add =
        Dlab.run(
            asAdmin(
                "users",
                "add",
                "cli-ada",
                "--role",
                "researcher",
                "--one-time-password",
                TestUsers.ONE_TIME));
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.json().get("username").asString()).isEqualTo("cli-ada");
    assertThat(add.json().get("mustChangePassword").asBoolean()).isTrue();
    assertThat(add.out()).doesNotContain(TestUsers.ONE_TIME);

    Dlab list = Dlab.run(asAdmin("users", "list"));
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.json().findValuesAsString("username")).contains("cli-ada", "admin");

    Dlab role = Dlab.run(asAdmin("users", "set-role", "cli-ada", "viewer"));
    assertThat(role.exit()).as(role.err()).isZero();
    assertThat(account("cli-ada").role()).isEqualTo(Role.VIEWER);

    Dlab disable = Dlab.run(asAdmin("users", "disable", "cli-ada"));
    assertThat(disable.exit()).as(disable.err()).isZero();
    assertThat(account("cli-ada").enabled()).isFalse();
    Dlab enable = Dlab.run(asAdmin("users", "enable", "cli-ada"));
    assertThat(enable.exit()).as(enable.err()).isZero();
    assertThat(account("cli-ada").enabled()).isTrue();

    TestUsers.as(
        "cli-ada",
        Role.VIEWER,
        () -> identity.changePassword(TestUsers.ONE_TIME, TestUsers.PASSWORD));
    assertThat(account("cli-ada").mustChangePassword()).isFalse();
    Dlab reset =
        Dlab.run(
            asAdmin(
                "users",
                "reset-password",
                "cli-ada",
                "--one-time-password",
                "Reset-Harbor-Tulip-8"));
    assertThat(reset.exit()).as(reset.err()).isZero();
    assertThat(account("cli-ada").mustChangePassword()).isTrue();
  }

  @Test
  void anAdministratorUnlocksAnAccountThatFailedSignInsLocked() {
    TestUsers.ensure(identity, "cli-locked", Role.RESEARCHER);
    for (int i = 0; i < 20; i++) {
      throttle.failed("cli-locked", null);
    }
    assertThat(account("cli-locked").locked()).isTrue();
    Dlab unlock = Dlab.run(asAdmin("users", "unlock", "cli-locked"));
    assertThat(unlock.exit()).as(unlock.err()).isZero();
    assertThat(unlock.json().get("username").asString()).isEqualTo("cli-locked");
    assertThat(unlock.json().get("locked").asBoolean()).isFalse();
    assertThat(account("cli-locked").locked()).isFalse();

    Dlab notAdmin = Dlab.run(on("cli-locked", TestUsers.PASSWORD, "users", "unlock", "cli-locked"));
    assertThat(notAdmin.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(notAdmin.err()).contains("answered 403");
  }

  @Test
  void theWorkspaceRulesHoldAndAnswersArePrinted() {
    TestUsers.ensure(identity, "cli-researcher", Role.RESEARCHER);
    Dlab notAdmin = Dlab.run(on("cli-researcher", TestUsers.PASSWORD, "users", "list"));
    assertThat(notAdmin.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(notAdmin.err()).contains("GET /api/v1/users answered 403");

    Dlab self = Dlab.run(asAdmin("users", "disable", "admin"));
    assertThat(self.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(self.err()).contains("answered 400").contains("cannot disable yourself");

    Dlab unknown = Dlab.run(asAdmin("users", "enable", "nobody-here"));
    assertThat(unknown.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(unknown.err()).contains("answered 404").contains("nobody-here");
  }

  @Test
  void badArgumentsAreRefusedBeforeAnyServerIsAsked() {
    // nothing listens on port 9: a refusal that reached for the server would say so instead
    String[] nowhere = {"--server", "http://127.0.0.1:9", "--user", "admin", "--password", "x"};
    Map<List<String>, String> refusals =
        Map.of(
            List.of(
                "users",
                "add",
                "bad name",
                "--role",
                "viewer",
                "--one-time-password",
                TestUsers.ONE_TIME),
            "USERNAME=bad name is not allowed: 2 to 64 letters",
            List.of(
                "users",
                "add",
                "eve",
                "--role",
                "superuser",
                "--one-time-password",
                TestUsers.ONE_TIME),
            "--role=superuser is not allowed: one of ADMIN, RESEARCHER, VIEWER",
            List.of(
                "users", "add", "eve", "--role", "viewer", "--one-time-password", "qazwsxedcrfv"),
            "--one-time-password=(hidden) is not allowed: a password that is not one of",
            List.of("users", "reset-password", "eve", "--one-time-password", "eve-12345678"),
            "--one-time-password=(hidden) is not allowed: a password that neither is nor contains",
            List.of("users", "set-role", "eve", "owner"),
            "ROLE=owner is not allowed");
    refusals.forEach(
        (args, message) -> {
          Dlab refused =
              Dlab.run(Stream.concat(args.stream(), Stream.of(nowhere)).toArray(String[]::new));
          assertThat(refused.exit()).as(refused.err()).isEqualTo(DlabCommand.EXIT_USAGE);
          assertThat(refused.err()).contains(message).doesNotContain("qazwsxedcrfv");
        });
  }

  @Test
  void withoutAServerUsersAreManagedOnTheLocalDataFolder()
      throws IOException, InterruptedException {
    Path data = folder.resolve("data");
    Path models = Files.createDirectories(folder.resolve("models"));
    WorkspaceProcess.Result added =
        WorkspaceProcess.run(
            data,
            models,
            Duration.ofMinutes(3),
            "users",
            "add",
            "local-bo",
            "--role",
            "admin",
            "--one-time-password",
            TestUsers.ONE_TIME);
    assertThat(added.exit()).as(added.err() + added.out()).isZero();
    assertThat(added.out()).contains("\"username\":\"local-bo\"").contains("\"role\":\"ADMIN\"");

    WorkspaceProcess.Result listed =
        WorkspaceProcess.run(data, models, Duration.ofMinutes(3), "users", "list");
    assertThat(listed.exit()).as(listed.err() + listed.out()).isZero();
    JsonNode users = Dlab.JSON.readTree(listed.out());
    assertThat(users.findValuesAsString("username")).containsExactly("admin", "local-bo");
  }

  @Test
  void aFirstAdminPasswordThePolicyRefusesStopsTheFirstStartSayingWhy()
      throws IOException, InterruptedException {
    Path models = Files.createDirectories(folder.resolve("models"));
    WorkspaceProcess.Result refused =
        WorkspaceProcess.run(
            folder.resolve("data"),
            models,
            Map.of("DLAB_ADMIN_PASSWORD", "admin12345678"),
            Duration.ofMinutes(3),
            "users",
            "list");
    assertThat(refused.exit()).as(refused.out()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(refused.err())
        .contains("dlab: DLAB_ADMIN_PASSWORD=(hidden) is not allowed:")
        .contains("username")
        .doesNotContain("admin12345678");
  }
}
