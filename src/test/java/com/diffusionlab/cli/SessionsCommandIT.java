package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceProcess;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
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
 * {@code dlab sessions}: on a running workspace under the rules of the UI and the REST API (only
 * administrators change sessions), and without a server in the process on a local data folder,
 * acting as {@code --user} under the same rules.
 */
class SessionsCommandIT extends CliTestSupport {
  @Autowired SessionService sessions;

  private PlaygroundSession session(long id) {
    return sessions.find(id).orElseThrow();
  }

  @Test
  void anAdministratorCreatesEditsClosesAndReopensASessionOnAWorkspace() {
    TestUsers.ensure(identity, "cli-sess-owner", Role.RESEARCHER);
    Dlab create =
        Dlab.run(
            asAdmin(
                "sessions",
                "create",
                "--name",
                "CLI team",
                "--owner",
                "cli-sess-owner",
                "--shared",
                "--priority",
                "7",
                "--budget",
                "900",
                "--max-jobs",
                "3",
                "--max-pixels",
                "262144",
                "--max-steps",
                "40",
                "--max-batch",
                "2",
                "--model",
                "tiny-shapes"));
    assertThat(create.exit()).as(create.err()).isZero();
    long id = create.json().get("id").asLong();
    PlaygroundSession created = session(id);
    assertThat(created.name()).isEqualTo("CLI team");
    assertThat(created.ownerName()).isEqualTo("cli-sess-owner");
    assertThat(created.shared()).isTrue();
    assertThat(created.priority()).isEqualTo(7);
    assertThat(created.quota().budgetDeviceSeconds()).isEqualTo(900);
    assertThat(created.quota().maxConcurrentJobs()).isEqualTo(3);
    assertThat(created.quota().maxPixels()).isEqualTo(262144);
    assertThat(created.quota().maxSteps()).isEqualTo(40);
    assertThat(created.quota().maxBatch()).isEqualTo(2);
    assertThat(created.allowedModels()).singleElement().asString().hasSize(64);

    Dlab edit =
        Dlab.run(
            asAdmin(
                "sessions",
                "edit",
                String.valueOf(id),
                "--name",
                "CLI team B",
                "--shared=false",
                "--priority",
                "100",
                "--max-steps",
                "20",
                "--all-models"));
    assertThat(edit.exit()).as(edit.err()).isZero();
    PlaygroundSession edited = session(id);
    assertThat(edited.name()).isEqualTo("CLI team B");
    assertThat(edited.shared()).isFalse();
    assertThat(edited.priority()).isEqualTo(100);
    assertThat(edited.quota().maxSteps()).isEqualTo(20);
    assertThat(edited.quota().budgetDeviceSeconds()).as("unchanged").isEqualTo(900);
    assertThat(edited.allowedModels()).isEmpty();

    Dlab show = Dlab.run(asAdmin("sessions", "show", String.valueOf(id)));
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.json().get("session").get("name").asString()).isEqualTo("CLI team B");
    assertThat(show.json().get("usage").get("budgetDeviceSeconds").asDouble()).isEqualTo(900);
    assertThat(show.json().get("usage").get("activeJobs").asLong()).isZero();

    Dlab close = Dlab.run(asAdmin("sessions", "close", String.valueOf(id)));
    assertThat(close.exit()).as(close.err()).isZero();
    assertThat(close.json().get("closedAt").isNull()).isFalse();
    assertThat(session(id).closed()).isTrue();
    Dlab reopen = Dlab.run(asAdmin("sessions", "reopen", String.valueOf(id)));
    assertThat(reopen.exit()).as(reopen.err()).isZero();
    assertThat(session(id).closed()).isFalse();

    Dlab list = Dlab.run(asAdmin("sessions", "list"));
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.json().findValuesAsString("name")).contains("CLI team B");
  }

  @Test
  void aResearcherReadsSessionsAndIsRefusedEveryChange() {
    TestUsers.ensure(identity, "cli-sess-researcher", Role.RESEARCHER);
    Dlab made = Dlab.run(asAdmin("sessions", "create", "--name", "Shared by CLI", "--shared"));
    assertThat(made.exit()).as(made.err()).isZero();
    String id = made.json().get("id").asString();

    Dlab list = Dlab.run(on("cli-sess-researcher", TestUsers.PASSWORD, "sessions", "list"));
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.json().findValuesAsString("name")).contains("Shared by CLI");
    Dlab show = Dlab.run(on("cli-sess-researcher", TestUsers.PASSWORD, "sessions", "show", id));
    assertThat(show.exit()).as(show.err()).isZero();

    List<List<String>> changes =
        List.of(
            List.of("sessions", "create", "--name", "Mine", "--budget", "99999999"),
            List.of("sessions", "edit", id, "--priority", "100"),
            List.of("sessions", "close", id),
            List.of("sessions", "reopen", id));
    for (List<String> change : changes) {
      Dlab refused =
          Dlab.run(on("cli-sess-researcher", TestUsers.PASSWORD, change.toArray(String[]::new)));
      assertThat(refused.exit())
          .as(change + ": " + refused.err())
          .isEqualTo(DlabCommand.EXIT_FAILURE);
      assertThat(refused.err())
          .contains("answered 403")
          .contains("only administrators create, edit, close and reopen sessions");
    }
    assertThat(session(Long.parseLong(id)).priority()).isEqualTo(1);
    assertThat(session(Long.parseLong(id)).closed()).isFalse();
  }

  @Test
  void limitsTheWorkspaceRefusesAreNamedByTheirOptions() {
    Dlab made = Dlab.run(asAdmin("sessions", "create", "--name", "Limits by CLI"));
    assertThat(made.exit()).as(made.err()).isZero();
    String id = made.json().get("id").asString();

    Dlab refused =
        Dlab.run(
            asAdmin(
                "sessions",
                "edit",
                id,
                "--priority",
                "101",
                "--budget",
                "0",
                "--max-jobs",
                "65",
                "--max-pixels",
                "100",
                "--max-steps",
                "5000",
                "--max-batch",
                "17",
                "--model",
                "no-such-model"));
    assertThat(refused.exit()).as(refused.err()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(refused.err())
        .contains("--priority=101 is not allowed: 1 to 100")
        .contains("--budget=0.0 is not allowed: more than 0")
        .contains("--max-jobs=65 is not allowed: 1 to 64")
        .contains("--max-pixels=100 is not allowed: 4096 (64×64) to 16777216 (4096×4096)")
        .contains("--max-steps=5000 is not allowed: 1 to 1000")
        .contains("--max-batch=17 is not allowed: 1 to 16")
        .contains("--model=no-such-model is not allowed: names or content hashes");
    assertThat(session(Long.parseLong(id)).priority()).as("nothing changed").isEqualTo(1);

    Dlab owner = Dlab.run(asAdmin("sessions", "create", "--name", "x", "--owner", "nobody-at-all"));
    assertThat(owner.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(owner.err())
        .contains("--owner=nobody-at-all is not allowed: the username of a user");

    Dlab missing = Dlab.run(asAdmin("sessions", "close", "987654"));
    assertThat(missing.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(missing.err()).contains("answered 404").contains("session 987654 does not exist");
  }

  @Test
  void badOptionsAreRefusedBeforeAnyServerIsAsked() {
    // nothing listens on port 9: a refusal that reached for the server would say so instead
    String[] nowhere = {"--server", "http://127.0.0.1:9", "--user", "admin", "--password", "x"};
    Map<List<String>, String> refusals =
        Map.of(
            List.of("sessions", "show", "seven"),
            "ID=seven is not allowed: a session's id, a whole number",
            List.of("sessions", "create", "--name", "x", "--priority", "high", "--budget", "lots"),
            "--priority=high is not allowed: a whole number; --budget=lots is not allowed: a number",
            List.of("sessions", "create", "--name", "x", "--budget", "NaN"),
            "--budget=NaN is not allowed: a number",
            List.of("sessions", "edit", "3", "--shared=maybe"),
            "--shared=maybe is not allowed: true or false",
            List.of("sessions", "edit", "3", "--max-steps", "1e3"),
            "--max-steps=1e3 is not allowed: a whole number",
            List.of("sessions", "edit", "3", "--all-models", "--model", "tiny-shapes"),
            "--all-models=with --model [tiny-shapes] is not allowed: either --all-models or"
                + " --model",
            List.of("sessions", "edit", "3"),
            "options=(no change) is not allowed: at least one of --name, --shared",
            List.of("sessions", "close", "3;drop"),
            "ID=3;drop is not allowed");
    refusals.forEach(
        (args, message) -> {
          Dlab refused =
              Dlab.run(Stream.concat(args.stream(), Stream.of(nowhere)).toArray(String[]::new));
          assertThat(refused.exit())
              .as(args + ": " + refused.err())
              .isEqualTo(DlabCommand.EXIT_USAGE);
          assertThat(refused.err()).contains(message).doesNotContain("127.0.0.1");
        });
    Dlab noName =
        Dlab.run(
            Stream.concat(Stream.of("sessions", "create"), Stream.of(nowhere))
                .toArray(String[]::new));
    assertThat(noName.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(noName.err()).contains("Missing required option: '--name=NAME'");
  }

  @Test
  void withoutAServerSessionsAreManagedOnTheLocalDataFolderUnderTheSameRules()
      throws IOException, InterruptedException {
    Path data = folder.resolve("data");
    Path models = Files.createDirectories(folder.resolve("models"));
    Duration timeout = Duration.ofMinutes(3);
    WorkspaceProcess.Result created =
        WorkspaceProcess.run(
            data,
            models,
            timeout,
            "sessions",
            "create",
            "--name",
            "Local team",
            "--shared",
            "--priority",
            "5",
            "--max-steps",
            "30");
    assertThat(created.exit()).as(created.err() + created.out()).isZero();
    JsonNode session = Dlab.JSON.readTree(created.out());
    assertThat(session.get("name").asString()).isEqualTo("Local team");
    assertThat(session.get("ownerName").asString()).isEqualTo("admin");
    assertThat(session.get("priority").asInt()).isEqualTo(5);
    assertThat(session.get("quota").get("maxSteps").asInt()).isEqualTo(30);
    String id = session.get("id").asString();

    WorkspaceProcess.Result researcher =
        WorkspaceProcess.run(
            data,
            models,
            timeout,
            "users",
            "add",
            "local-res",
            "--role",
            "researcher",
            "--one-time-password",
            TestUsers.ONE_TIME);
    assertThat(researcher.exit()).as(researcher.err() + researcher.out()).isZero();

    WorkspaceProcess.Result refused =
        WorkspaceProcess.run(
            data,
            models,
            timeout,
            "sessions",
            "edit",
            id,
            "--priority",
            "100",
            "--user",
            "local-res");
    assertThat(refused.exit())
        .as(refused.err() + refused.out())
        .isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(refused.err())
        .contains(
            "dlab: --user=local-res is researcher: only administrators create, edit, close"
                + " and reopen sessions");

    WorkspaceProcess.Result bad =
        WorkspaceProcess.run(data, models, timeout, "sessions", "edit", id, "--max-batch", "99");
    assertThat(bad.exit()).as(bad.err() + bad.out()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(bad.err()).contains("dlab: --max-batch=99 is not allowed: 1 to 16");

    WorkspaceProcess.Result shown =
        WorkspaceProcess.run(data, models, timeout, "sessions", "show", id, "--user", "local-res");
    assertThat(shown.exit()).as(shown.err() + shown.out()).isZero();
    JsonNode shownJson = Dlab.JSON.readTree(shown.out());
    assertThat(shownJson.get("session").get("priority").asInt()).as("unchanged").isEqualTo(5);
    assertThat(shownJson.get("usage").get("usedDeviceSeconds").asDouble()).isZero();
  }
}
