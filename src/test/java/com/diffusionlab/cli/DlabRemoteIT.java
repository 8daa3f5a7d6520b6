package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.engine.Sha256;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The command line against a running workspace: export, import and replay over REST. */
class DlabRemoteIT extends WorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired GenerationService generations;
  @Autowired RunService runs;
  @Autowired JdbcTemplate jdbc;
  @TempDir Path folder;

  private Run finished;

  @BeforeEach
  void aFinishedRunInAnExperiment() {
    TestUsers.ensure(identity, "cli-user", Role.RESEARCHER);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "cli-user", null, AuthorityUtils.createAuthorityList(Role.RESEARCHER.authority())));
    try {
      Run run =
          generations.submit(
              new GenerationSubmission(
                  null,
                  "cli export",
                  GenerationSettings.of("tiny-sd1", "a blue square")
                      .with("steps", 3)
                      .with("width", 16)
                      .with("height", 16)
                      .with("seed", 5)));
      finished =
          Awaitility.await("run " + run.id() + " finishing")
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> runs.find(run.id()).orElseThrow(), r -> r.status().finished());
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private String[] remote(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(
        new String[] {
          "--server",
          "http://localhost:" + port,
          "--user",
          "cli-user",
          "--password",
          TestUsers.PASSWORD
        },
        0,
        all,
        args.length,
        6);
    return all;
  }

  @Test
  void anExperimentExportsByNameWithProgressLines() throws IOException {
    Path csv = folder.resolve("out/runs.csv");
    Dlab export =
        Dlab.run(
            remote(
                "export",
                "--experiment",
                "cli export",
                "--format",
                "csv",
                "--out",
                csv.toString()));
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.err()).contains("export:").contains("runs");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8))
        .startsWith("run_id,")
        .contains(Long.toString(finished.id()));
    assertThat(Files.list(csv.getParent())).as("no partial file is left").hasSize(1);
  }

  @Test
  void aBundleExportsAndImportsAndItsRunReplaysExactly() throws IOException {
    Path zip = folder.resolve("bundle.zip");
    Dlab export =
        Dlab.run(
            remote(
                "export",
                "--query",
                "id = " + finished.id(),
                "--format",
                "zip",
                "--out",
                zip.toString()));
    assertThat(export.exit()).as(export.err()).isZero();
    Dlab imported = Dlab.run(remote("import", zip.toString()));
    assertThat(imported.exit()).as(imported.err()).isZero();
    long copy = imported.json().get("runIds").get(Long.toString(finished.id())).asLong();
    Dlab replay = Dlab.run(remote("replay", Long.toString(copy)));
    assertThat(replay.exit()).as(replay.err() + replay.out()).isZero();
    assertThat(replay.json().get("reproducedExactly").asBoolean()).isTrue();
  }

  @Test
  void aSweepRunsOnTheServerWithProgressLines() throws IOException {
    Path definition = folder.resolve("sweep.yaml");
    Files.writeString(
        definition,
        """
        name: cli sweep
        base: {model: tiny-sd1, prompt: a red cat, steps: 2, width: 16, height: 16, seed: 3}
        x: {field: cfg, values: "1, 4"}
        """);
    Path grid = folder.resolve("grid.png");
    Dlab sweep =
        Dlab.run(remote("sweep", definition.toString(), "--grid", grid.toString(), "--cell", "24"));
    assertThat(sweep.exit()).as(sweep.err() + sweep.out()).isZero();
    assertThat(sweep.err()).contains("2 cells · about").contains("2/2 cells finished");
    assertThat(javax.imageio.ImageIO.read(grid.toFile()).getWidth()).isGreaterThan(48);
    assertThat(sweep.json().get("status").asString()).isEqualTo("FINISHED");
    assertThat(sweep.json().get("succeeded").asInt()).isEqualTo(2);
  }

  @Test
  void aMalformedSweepNamesTheLineAndTheKeyBeforeAnythingRuns() throws IOException {
    Path definition = folder.resolve("bad.yaml");
    Files.writeString(
        definition,
        """
        name: bad
        base: {model: tiny-sd1, prompt: x}
        x: {field: steps, values: "0-2"}
        """);
    Dlab sweep = Dlab.run(remote("sweep", definition.toString()));
    assertThat(sweep.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(sweep.err()).contains("line 3").contains("x.values").contains("1 to 1000");
  }

  @Test
  void aGenerationOnTheServerIsATrackedRunOfTheExperimentAndItsImagesComeBack() throws IOException {
    Path png = folder.resolve("out/circle.png");
    Dlab generate =
        Dlab.run(
            remote(
                "generate",
                "--model",
                "tiny-sd1",
                "--prompt",
                "a red circle",
                "--steps",
                "3",
                "--width",
                "16",
                "--height",
                "16",
                "--seed",
                "9",
                "--batch",
                "2",
                "--experiment",
                "from the cli",
                "--device-class",
                "cpu",
                "--out",
                png.toString()));
    assertThat(generate.exit()).as(generate.err()).isZero();
    assertThat(generate.err()).contains("in experiment from the cli").contains(": succeeded");
    Run run = runs.find(generate.json().get("id").asLong()).orElseThrow();
    assertThat(run.experimentNames()).isEqualTo("from the cli");
    assertThat(run.userId()).isEqualTo(identity.find("cli-user").orElseThrow().id());
    assertThat(run.settings().prompt()).isEqualTo("a red circle");
    assertThat(run.device()).isEqualTo("cpu");
    assertThat(run.outputs()).extracting(RunOutput::seed).containsExactly(9L, 10L);
    for (RunOutput output : run.outputs()) {
      Path file = folder.resolve("out/circle-" + (output.index() + 1) + ".png");
      assertThat(Sha256.of(Files.readAllBytes(file))).isEqualTo(output.sha256());
    }
  }

  /** {@code dlab generate --server} with one bad option: refused, and no run recorded. */
  private Dlab refusedGeneration(String option, String value) {
    long before = jdbc.queryForObject("select count(*) from runs", Long.class);
    Dlab bad =
        Dlab.run(
            remote(
                "generate",
                "--model",
                "tiny-sd1",
                "--prompt",
                "x",
                option,
                value,
                "--out",
                folder.resolve("x.png").toString()));
    assertThat(bad.exit()).isNotZero();
    assertThat(jdbc.queryForObject("select count(*) from runs", Long.class)).isEqualTo(before);
    return bad;
  }

  @Test
  void aBadGenerationIsRefusedNamingTheFieldAndNothingIsQueued() {
    assertThat(refusedGeneration("--steps", "0").err())
        .contains("400")
        .contains("steps")
        .contains("0");
  }

  @Test
  void anExperimentNeedsAWorkspace() {
    Dlab local =
        Dlab.run(
            "generate",
            "--model",
            "models/tiny-shapes",
            "--prompt",
            "x",
            "--experiment",
            "mine",
            "--out",
            folder.resolve("x.png").toString());
    assertThat(local.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(local.err()).contains("--experiment and --device-class need a workspace");
  }

  @Test
  void anUnknownDeviceClassIsRefusedNamingTheOptionAndNothingIsQueued() {
    Dlab bad = refusedGeneration("--device-class", "tpu");
    assertThat(bad.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(bad.err()).contains("--device-class=tpu").contains("cpu, gpu, or none");
  }

  @Test
  void serverErrorsArePrintedWithTheServersMessage() {
    Dlab bad =
        Dlab.run(
            remote(
                "export",
                "--query",
                "cfg >",
                "--format",
                "csv",
                "--out",
                folder.resolve("x.csv").toString()));
    assertThat(bad.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(bad.err()).contains("400").contains("position");
  }
}
