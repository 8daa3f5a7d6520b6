package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged workspace with {@code MANAGEMENT_SERVER_PORT}: the metrics move to that port, behind
 * the same authentication (the API's security chain reaches Actuator's own server), and the
 * application's port no longer serves them.
 */
class ManagementPortIT {

  private static final String PROMETHEUS = "/actuator/prometheus";

  @TempDir Path folder;

  @Test
  void theMetricsMoveToTheManagementPortWithTheSameAuthentication() throws Exception {
    Path models = Files.createDirectories(folder.resolve("models"));
    Files.createSymbolicLink(
        models.resolve("tiny-shapes"), Path.of("models/tiny-shapes").toAbsolutePath());
    int management;
    try (ServerSocket socket = new ServerSocket(0)) {
      management = socket.getLocalPort();
    }
    try (WorkspaceProcess workspace =
        WorkspaceProcess.start(
            folder.resolve("data"),
            models,
            Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(management)))) {
      assertThat(get(management, null).statusCode()).isEqualTo(401);
      assertThat(get(management, "Not-The-Password-4").statusCode()).isEqualTo(401);
      HttpResponse<String> admin = get(management, WorkspaceProcess.ADMIN_PASSWORD);
      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(admin.body())
          .contains("dlab_sign_in_failures_total{reason=\"bad_credentials\"} 1.0");

      HttpResponse<String> application = get(workspace.port(), WorkspaceProcess.ADMIN_PASSWORD);
      assertThat(application.body()).doesNotContain("dlab_");
    }
  }

  private static HttpResponse<String> get(int port, String adminPassword)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + PROMETHEUS));
    if (adminPassword != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
