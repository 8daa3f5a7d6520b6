package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.diffusionlab.LabProperties;
import com.diffusionlab.engine.InvalidRequestException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failures nobody planned for: a database error or a bug answers 500 with an error id, and the
 * client learns nothing of the statement, the server's paths or the stack; outside the API the
 * exception is left to Spring.
 */
class ApiErrorsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RestController
  static class Failing {
    @GetMapping("/api/v1/database")
    String database() {
      throw new DataIntegrityViolationException(
          "could not execute statement [insert into runs (prompt) values (?)]",
          new SQLException("Value too long for column PROMPT: /srv/dlab/data/db/diffusion-lab"));
    }

    @GetMapping("/api/v1/bug")
    String bug() {
      throw new IllegalStateException("/srv/dlab/models/secret.safetensors is gone");
    }

    @GetMapping("/api/v1/model-file")
    String modelFile() {
      throw new InvalidRequestException(
          "model",
          "broken",
          "a loadable model (/srv/dlab/models/sd/unet/model.safetensors: truncated; the models"
              + " folder /srv/dlab/models)");
    }

    @GetMapping("/api/v1/long-value")
    String longValue() {
      throw new InvalidRequestException("prompt", "p".repeat(100_000), "short text");
    }

    @GetMapping("/ui/bug")
    String uiBug() {
      throw new IllegalStateException("left to Spring");
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Failing())
          .setControllerAdvice(
              new ApiErrors(
                  new ApiProblems(
                      JSON,
                      new LabProperties(
                          Path.of("/srv/dlab/data"),
                          Path.of("/srv/dlab/models"),
                          0.5,
                          "cpu",
                          "tiny-shapes"))))
          .build();

  @Test
  void databaseErrorsAnswer500WithAnErrorIdAndNothingElse() throws Exception {
    String body =
        mvc.perform(get("/api/v1/database"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andReturn()
            .getResponse()
            .getContentAsString();

    JsonNode problem = JSON.readTree(body);
    assertThat(problem.get("type").asString()).isEqualTo("/api/problems/internal-error");
    assertThat(problem.get("status").asInt()).isEqualTo(500);
    assertThat(problem.get("errorId").asString()).matches("[0-9a-f]{8}");
    assertThat(problem.get("detail").asString()).contains(problem.get("errorId").asString());
    assertThat(body)
        .doesNotContainIgnoringCase("insert")
        .doesNotContain("/srv/")
        .doesNotContain("Exception")
        .doesNotContain("PROMPT");
  }

  @Test
  void unexpectedFailuresAnswer500WithoutTheirMessage() throws Exception {
    String body =
        mvc.perform(get("/api/v1/bug"))
            .andExpect(status().isInternalServerError())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body).doesNotContain("/srv/").doesNotContain("secret").contains("errorId");
  }

  @Test
  void errorsNameModelFilesRelativeToTheModelsFolder() throws Exception {
    String body =
        mvc.perform(get("/api/v1/model-file"))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body)
        .doesNotContain("/srv/")
        .contains("sd/unet/model.safetensors: truncated")
        .contains("the models folder");
  }

  @Test
  void longRefusedValuesAreCut() throws Exception {
    String body =
        mvc.perform(get("/api/v1/long-value"))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

    JsonNode error = JSON.readTree(body).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("prompt");
    assertThat(error.get("value").asString()).hasSizeLessThan(300).endsWith("(100000 characters)");
    assertThat(body).hasSizeLessThan(3_000);
  }

  @Test
  void failuresOutsideTheApiAreLeftToSpring() {
    assertThatThrownBy(() -> mvc.perform(get("/ui/bug"))).rootCause().hasMessage("left to Spring");
  }
}
