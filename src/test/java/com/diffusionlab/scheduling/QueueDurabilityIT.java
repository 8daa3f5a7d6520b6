package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceHttp;
import com.diffusionlab.WorkspaceProcess;
import com.diffusionlab.engine.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default (H2 in the data folder) loses nothing that it acknowledged, with the
 * packaged jar as users run it: a run the API reported SUCCEEDED is SUCCEEDED after a kill -9 taken
 * the moment it was reported, with its images; after a kill -9 while one run runs and another
 * waits, the next start runs both (the interrupted one again, as its second attempt); and no file
 * in the artifact folder lacks its row, nor any row its file.
 */
class QueueDurabilityIT {

  private static final Duration PATIENCE = Duration.ofMinutes(10);
  private static final String QUICK =
      "{\"prompt\":\"two red circles at the top\",\"steps\":4,\"seed\":3}";
  private static final String SLOW =
      "{\"prompt\":\"three small blue stars on the left\",\"steps\":30,\"width\":128,"
          + "\"height\":128,\"seed\":5}";

  @TempDir Path folder;

  @Test
  void whatTheApiReportedStaysAfterAKillAndQueuedJobsRunAfterARestart() throws Exception {
    Path models = Files.createDirectories(folder.resolve("models"));
    Files.createSymbolicLink(
        models.resolve("tiny-shapes"), Path.of("models/tiny-shapes").toAbsolutePath());
    Path data = folder.resolve("data");

    long quick;
    JsonNode reported;
    try (WorkspaceProcess first = WorkspaceProcess.start(data, models)) {
      WorkspaceHttp api = admin(first);
      quick = api.generate(QUICK);
      reported = api.awaitStatus(quick, "SUCCEEDED", PATIENCE);
      // the moment the API said so: H2's default write delay lost this last commit
      first.kill();
    }

    long slow;
    long waiting;
    try (WorkspaceProcess second = WorkspaceProcess.start(data, models)) {
      WorkspaceHttp api = admin(second);
      JsonNode after = api.get("/runs/" + quick);
      assertThat(after.get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(after.get("outputs")).isEqualTo(reported.get("outputs"));
      String sha = after.get("outputs").get(0).get("sha256").asString();
      assertThat(Sha256.of(api.bytes("/artifacts/" + sha))).isEqualTo(sha);

      slow = api.generate(SLOW);
      waiting = api.generate(QUICK);
      api.awaitStatus(slow, "RUNNING", PATIENCE);
      second.kill();
    }

    try (WorkspaceProcess third = WorkspaceProcess.start(data, models)) {
      WorkspaceHttp api = admin(third);
      for (long id : List.of(slow, waiting)) {
        JsonNode done = api.awaitStatus(id, "SUCCEEDED", PATIENCE);
        for (JsonNode output : done.get("outputs")) {
          String sha = output.get("sha256").asString();
          assertThat(Sha256.of(api.bytes("/artifacts/" + sha))).isEqualTo(sha);
        }
      }
      assertThat(api.moves(slow))
          .containsExactly(
              "null>QUEUED #0",
              "QUEUED>RUNNING #1",
              "RUNNING>QUEUED #1",
              "QUEUED>RUNNING #2",
              "RUNNING>SUCCEEDED #2");
    }

    assertEveryFileHasItsRowAndEveryRowItsFile(data);
  }

  private static WorkspaceHttp admin(WorkspaceProcess workspace) {
    return new WorkspaceHttp(workspace.port(), "admin", WorkspaceProcess.ADMIN_PASSWORD);
  }

  private static void assertEveryFileHasItsRowAndEveryRowItsFile(Path data)
      throws IOException, SQLException {
    Set<String> files = new HashSet<>();
    try (Stream<Path> walk = Files.walk(data.resolve("artifacts"))) {
      walk.filter(Files::isRegularFile)
          .forEach(file -> files.add(file.getFileName().toString().replace(".bin", "")));
    }
    Set<String> rows = new HashSet<>();
    Set<String> pointedAt = new HashSet<>();
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:h2:file:" + data.resolve("db/diffusion-lab") + ";ACCESS_MODE_DATA=r",
                "sa",
                "");
        Statement statement = db.createStatement()) {
      try (ResultSet artifacts = statement.executeQuery("select sha256 from artifacts")) {
        while (artifacts.next()) {
          rows.add(artifacts.getString(1));
        }
      }
      try (ResultSet outputs =
          statement.executeQuery("select sha256, thumbnail from run_outputs")) {
        while (outputs.next()) {
          pointedAt.add(outputs.getString(1));
          pointedAt.add(outputs.getString(2));
        }
      }
    }
    assertThat(files).as("no orphan files").isEqualTo(rows);
    assertThat(rows).as("no row points at a missing file").containsAll(pointedAt);
  }
}
