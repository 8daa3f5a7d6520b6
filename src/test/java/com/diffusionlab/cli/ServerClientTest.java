package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
