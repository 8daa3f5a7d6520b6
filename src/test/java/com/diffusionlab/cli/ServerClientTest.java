package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.FieldError;
import org.junit.jupiter.api.Test;

/** An error answer becomes a message with what the server said, not its raw body. */
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
}
