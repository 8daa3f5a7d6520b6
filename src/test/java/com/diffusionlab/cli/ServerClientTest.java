package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error answer becomes a message with what the server said, not its raw body; a run's answer a
 * line that says where it stands.
 */
class ServerClientTest {

  @Test
  void aProblemIsShownByItsDetail() {
    String problem =
        """
        {"type":"/api/problems/invalid-fields","title":"Invalid fields","status":400,
         "detail":"clipSkip=1000 is not allowed: 1 to 2 for this model",
         "errors":[{"field":"clipSkip","value":"1000","allowed":"1 to 2 for this model"}]}
        """;

    assertThat(ServerClient.failure("POST", "/api/v1/generations", 400, problem))
        .hasMessage(
            "POST /api/v1/generations answered 400: clipSkip=1000 is not allowed: 1 to 2 for"
                + " this model");
  }

  @Test
  void aProblemKeepsItsStatusAndEachBadField() {
    String problem =
        """
        {"type":"/api/problems/invalid-fields","title":"Invalid fields","status":400,
         "detail":"maxSteps=5000 is not allowed: 1 to 1000",
         "errors":[{"field":"maxSteps","value":"5000","allowed":"1 to 1000"}]}
        """;

    ServerRefusal refusal = ServerClient.failure("PATCH", "/api/v1/sessions/3", 400, problem);

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.errors()).containsExactly(new FieldError("maxSteps", "5000", "1 to 1000"));
    assertThat(ServerClient.failure("GET", "/api/v1/x", 404, "{\"title\":\"Not found\"}").errors())
        .isEmpty();
  }

  @Test
  void aProblemWithoutDetailIsShownByItsTitle() {
    assertThat(ServerClient.failure("GET", "/api/v1/x", 404, "{\"title\":\"Not found\"}"))
        .hasMessage("GET /api/v1/x answered 404: Not found");
  }

  @Test
  void anAnswerThatIsNotProblemJsonIsShownCut() {
    String page = "<html>" + "x".repeat(10_000) + "</html>";

    assertThat(ServerClient.failure("GET", "/api/v1/x", 502, page).getMessage())
        .startsWith("GET /api/v1/x answered 502: <html>xxx")
        .hasSizeLessThan(600);
  }

  /** {@code dlab generate --server} says where a run it waits for stands, as the API tells it. */
  @Test
  void aRunsAnswerReadsAsOneProgressLine() {
    JsonMapper json = JsonMapper.builder().build();
    String queued =
        """
        {"id":12,"status":"QUEUED","queue":{"position":3,"jobsAhead":2,"etaSeconds":41.2,
         "expectedStart":"2026-12-06T10:00:41Z","slots":1,"noEtaReason":null},"progress":null}
        """;
    String running =
        """
        {"id":12,"status":"RUNNING","queue":null,"progress":{"stage":"SAMPLING","step":7,
         "totalSteps":20,"secondsPerStep":0.12,"secondsLeft":1.6,"node":"gpu-1",
         "updatedAt":"2026-12-06T10:01:00Z"}}
        """;
    String ended = "{\"id\":12,\"status\":\"SUCCEEDED\"}";

    assertThat(ServerClient.progressLine(json.readTree(queued)))
        .isEqualTo("run 12: queued · 3rd in the queue · starts in about 40 s");
    assertThat(ServerClient.progressLine(json.readTree(running)))
        .isEqualTo("run 12: running · step 7/20 · 0.12 s · about 2 s left");
    assertThat(ServerClient.progressLine(json.readTree(ended))).isEqualTo("run 12: succeeded");
  }
}
