package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceProcess;
import com.diffusionlab.engine.TinyModels;
import com.diffusionlab.identity.Role;
import com.diffusionlab.models.ApprovalStatus;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlab models}: lists versions with their approval, and administrators approve and retire
 * them with a reason, on a running workspace and in this process on a local data folder, where the
 * first start approves the installation's own models and later ones are drafts.
 */
class ModelsCommandIT extends CliTestSupport {
  @Autowired ModelRegistry registry;

  private ModelVersion draft(String name, int changedByte) throws IOException {
    TinyModels.copyOf("tiny-sd1", modelsFolder().resolve(name));
    TinyModels.changeAByte(modelsFolder().resolve(name), changedByte, false);
    return registry.rescan().stream()
        .filter(v -> v.location().equals(name) && v.available())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void administratorsApproveAndRetireVersionsOnAWorkspace() throws IOException {
    TestUsers.ensure(identity, "cli-models-res", Role.RESEARCHER);
    ModelVersion version = draft("cli-governed", 40);

    Dlab listed = Dlab.run(on("cli-models-res", TestUsers.PASSWORD, "models", "list"));
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("cli-governed").contains("DRAFT");

    Dlab refused =
        Dlab.run(
            on(
                "cli-models-res",
                TestUsers.PASSWORD,
                "models",
                "approve",
                String.valueOf(version.id()),
                "--reason",
                "mine now"));
    assertThat(refused.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(refused.err()).contains("only administrators approve and retire models");

    Dlab noReason =
        Dlab.run(
            on(
                "admin",
                ADMIN_PASSWORD,
                "models",
                "approve",
                String.valueOf(version.id()),
                "--reason",
                ""));
    assertThat(noReason.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(noReason.err()).contains("--reason=");

    Dlab approved =
        Dlab.run(
            on(
                "admin",
                ADMIN_PASSWORD,
                "models",
                "approve",
                String.valueOf(version.id()),
                "--reason",
                "golden prompts look right"));
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.json().get("change").get("to").asString()).isEqualTo("APPROVED");
    assertThat(approved.json().get("goldenSweepId").asLong()).isPositive();

    Dlab retired =
        Dlab.run(
            on(
                "admin",
                ADMIN_PASSWORD,
                "models",
                "retire",
                String.valueOf(version.id()),
                "--reason",
                "superseded"));
    assertThat(retired.exit()).as(retired.err()).isZero();
    assertThat(registry.require(version.id()).approval()).isEqualTo(ApprovalStatus.RETIRED);
    Dlab history = Dlab.run(asAdmin("models", "history", String.valueOf(version.id())));
    assertThat(history.json().valueStream().map(m -> m.get("change").get("reason").asString()))
        .containsExactly("superseded", "golden prompts look right");

    // this workspace's first start approved the models folder it found, the bundled one among them
    ModelVersion bundled = registry.find("tiny-shapes").orElseThrow();
    Dlab shipped =
        Dlab.run(on("cli-models-res", TestUsers.PASSWORD, "models", "history", "" + bundled.id()));
    JsonNode firstMove = shipped.json().get(shipped.json().size() - 1).get("change");
    assertThat(firstMove.get("actor").asString()).isEqualTo("(system)");
    assertThat(firstMove.get("reason").asString()).contains("first start");
  }

  @Test
  void withoutAServerTheFirstStartApprovesTheInstallationsModelsAndLaterOnesAreDrafts()
      throws IOException, InterruptedException {
    Path data = folder.resolve("data");
    Path models = Files.createDirectories(folder.resolve("models"));
    TinyModels.copyOf("tiny-sd1", models.resolve("shipped"));
    // each command starts the workspace in a JVM of its own: generous on a busy machine
    Duration timeout = Duration.ofMinutes(5);

    WorkspaceProcess.Result first = WorkspaceProcess.run(data, models, timeout, "models", "list");
    assertThat(first.exit()).as(first.err() + first.out()).isZero();
    assertThat(located(first, "shipped").get("approval").asString()).isEqualTo("APPROVED");
    assertThat(first.out()).doesNotContain(models.toAbsolutePath().toString());

    TinyModels.copyOf("tiny-sd1", models.resolve("added"));
    TinyModels.changeAByte(models.resolve("added"), 3, false);
    WorkspaceProcess.Result second = WorkspaceProcess.run(data, models, timeout, "models", "list");
    assertThat(second.exit()).as(second.err() + second.out()).isZero();
    JsonNode added = located(second, "added");
    assertThat(added.get("approval").asString())
        .as("found after the first start")
        .isEqualTo("DRAFT");

    WorkspaceProcess.Result approved =
        WorkspaceProcess.run(
            data,
            models,
            timeout,
            "models",
            "approve",
            added.get("id").asString(),
            "--reason",
            "tried in the sandbox");
    assertThat(approved.exit()).as(approved.err() + approved.out()).isZero();
    JsonNode change = Dlab.JSON.readTree(approved.out()).get("change");
    assertThat(change.get("from").asString()).isEqualTo("DRAFT");
    assertThat(change.get("to").asString()).isEqualTo("APPROVED");
    assertThat(change.get("actor").asString()).isEqualTo("admin");
  }

  private static JsonNode located(WorkspaceProcess.Result listed, String location) {
    return Dlab.JSON
        .readTree(listed.out())
        .valueStream()
        .filter(version -> version.get("location").asString().equals(location))
        .findFirst()
        .orElseThrow();
  }
}
