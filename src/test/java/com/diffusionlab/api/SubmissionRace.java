package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Many generations submitted over REST at the same moment, and what the quota answered. */
final class SubmissionRace {

  private SubmissionRace() {}

  /**
   * The answers to {@code count} {@code POST /generations}, each from its own thread, released
   * together.
   *
   * @param generation the body of the {@code i}-th submission
   */
  static List<ResponseEntity<JsonNode>> submit(
      RestClient client, int count, IntFunction<Map<String, Object>> generation) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ResponseEntity<JsonNode>>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Map<String, Object> body = generation.apply(i);
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return client
                      .post()
                      .uri("/generations")
                      .contentType(MediaType.APPLICATION_JSON)
                      .body(body)
                      .retrieve()
                      .toEntity(JsonNode.class);
                }));
      }
      start.countDown();
      List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
      for (Future<ResponseEntity<JsonNode>> future : futures) {
        answers.add(future.get(5, TimeUnit.MINUTES));
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  static List<ResponseEntity<JsonNode>> accepted(List<ResponseEntity<JsonNode>> answers) {
    return answers.stream().filter(a -> a.getStatusCode().value() == 202).toList();
  }

  static List<ResponseEntity<JsonNode>> refused(List<ResponseEntity<JsonNode>> answers) {
    return answers.stream().filter(a -> a.getStatusCode().value() != 202).toList();
  }

  /** A 429 that names the limit of concurrent jobs and its figures, and says when to try again. */
  static void assertNoRoomForAnotherJob(ResponseEntity<JsonNode> answer, int allowed) {
    JsonNode problem = assertQuotaExceeded(answer, "maxConcurrentJobs");
    assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
    assertThat(problem.get("limit").get("allowed").asInt()).isEqualTo(allowed);
    assertThat(problem.get("limit").get("used").asInt()).isEqualTo(allowed);
    assertThat(problem.get("errors").get(0).get("allowed").asString())
        .contains("at most " + allowed + " queued or running");
  }

  /** A 429 of type quota-exceeded naming {@code limit}; gives the problem. */
  static JsonNode assertQuotaExceeded(ResponseEntity<JsonNode> answer, String limit) {
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(429);
    JsonNode problem = answer.getBody();
    assertThat(problem.get("type").asString()).isEqualTo("/api/problems/quota-exceeded");
    assertThat(problem.get("limit").get("name").asString()).isEqualTo(limit);
    return problem;
  }
}
