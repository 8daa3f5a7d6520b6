package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock is kept in the database: a restarted workspace still refuses the right password, and the
 * operator's way back in, {@code dlab users unlock} on the data folder, lifts it.
 */
class SignInLockRestartIT {
  private static final String[] THROTTLE = {
    "dlab.sign-in.lock-after=3", "dlab.sign-in.delay-after=10"
  };

  @TempDir Path folder;

  private static int signIn(WorkspaceProcess workspace, String password)
      throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + workspace.port() + "/api/v1/users/me"))
                  .header("Authorization", "Basic " + basic)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  @Test
  void aLockOutlivesARestartAndTheOperatorUnlocksFromTheCommandLine() throws Exception {
    Path models = Files.createDirectories(folder.resolve("models"));
    Files.createSymbolicLink(
        models.resolve("tiny-shapes"), Path.of("models/tiny-shapes").toAbsolutePath());
    Path data = folder.resolve("data");

    try (WorkspaceProcess first = WorkspaceProcess.start(data, models, Map.of(), THROTTLE)) {
      assertThat(signIn(first, WorkspaceProcess.ADMIN_PASSWORD)).isEqualTo(200);
      assertThat(signIn(first, "Wrong-Guess-Number-1")).isEqualTo(401);
      assertThat(signIn(first, "Wrong-Guess-Number-2")).isEqualTo(401);
      assertThat(signIn(first, "Wrong-Guess-Number-3")).isEqualTo(423);
      assertThat(signIn(first, WorkspaceProcess.ADMIN_PASSWORD)).isEqualTo(423);
    }
    try (WorkspaceProcess second = WorkspaceProcess.start(data, models, Map.of(), THROTTLE)) {
      assertThat(signIn(second, WorkspaceProcess.ADMIN_PASSWORD))
          .as("locked after the restart too")
          .isEqualTo(423);
    }
    WorkspaceProcess.Result unlocked =
        WorkspaceProcess.run(data, models, Duration.ofMinutes(3), "users", "unlock", "admin");
    assertThat(unlocked.exit()).as(unlocked.err()).isZero();
    assertThat(unlocked.out()).contains("\"username\"").containsPattern("\"locked\"\\s*:\\s*false");
    try (WorkspaceProcess third = WorkspaceProcess.start(data, models, Map.of(), THROTTLE)) {
      assertThat(signIn(third, WorkspaceProcess.ADMIN_PASSWORD)).isEqualTo(200);
    }
  }
}
