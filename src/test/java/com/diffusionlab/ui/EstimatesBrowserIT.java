package com.diffusionlab.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Estimates against real generations: a configuration never seen is estimated from other runs or
 * the device's measured speed; every run records its estimate (seconds with a band, peak memory,
 * device-seconds, basis) beside what it took, in the REST run and on the run page; after three warm
 * runs (that did not load the model) the configuration's own runs are the basis; the REST API and
 * the Models view report the estimator's error for the configuration.
 */
class EstimatesBrowserIT extends BrowserTestSupport {

  private static final Set<String> BASES = Set.of("HISTORY", "MODEL", "DEVICE", "PROBE");

  @Autowired IdentityService identity;

  /** A configuration no other test runs: the reference SD 1 model at 24×24 with DDIM. */
  private static Map<String, Object> generation(int steps) {
    return Map.of(
        "model",
        "tiny-sd1",
        "prompt",
        "a photo of a red cat",
        "seed",
        5,
        "steps",
        steps,
        "sampler",
        "ddim",
        "width",
        24,
        "height",
        24);
  }

  private RestClient client() {
    return RestClient.builder()
        .baseUrl(url("api/v1"))
        .defaultHeaders(h -> h.setBasicAuth("esther", TestUsers.PASSWORD))
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
        .build();
  }

  private static JsonNode post(RestClient client, String path, Object body) {
    return client
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(JsonNode.class);
  }

  private static JsonNode awaitFinished(RestClient client, long id) {
    return Awaitility.await("run " + id + " finishing")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> client.get().uri("/runs/{id}", id).retrieve().body(JsonNode.class),
            run -> !run.get("status").asString().matches("QUEUED|RUNNING"));
  }

  @Test
  void runsRecordTheirEstimateBesideWhatTheyTookAndTheErrorIsReported() {
    TestUsers.ensure(identity, "esther", Role.RESEARCHER);
    RestClient client = client();

    JsonNode first = post(client, "/estimates", generation(4));
    assertThat(first.get("basis").asString()).isIn("MODEL", "DEVICE", "PROBE");
    assertThat(first.get("seconds").asDouble()).isPositive();
    assertThat(first.get("secondsLow").asDouble())
        .isLessThanOrEqualTo(first.get("seconds").asDouble());
    assertThat(first.get("secondsHigh").asDouble())
        .isGreaterThanOrEqualTo(first.get("seconds").asDouble());
    assertThat(first.get("peakMemoryBytes").asLong()).isPositive();
    assertThat(first.get("deviceSeconds").asDouble()).isEqualTo(first.get("seconds").asDouble());
    assertThat(first.get("cost").asDouble()).isPositive();

    // runs until the configuration's own runs are the basis: from the fourth, unless another
    // test's run made the engine load a different model in between (a run that loaded its model
    // is not learnt from)
    List<JsonNode> done = new ArrayList<>();
    int warm = 0;
    while (done.isEmpty()
        || !done.getLast().get("estimate").get("basis").asString().equals("HISTORY")) {
      assertThat(done).as("runs before the configuration's own were the basis").hasSizeLessThan(10);
      long id = post(client, "/generations", generation(3 + done.size() % 4)).get("id").asLong();
      JsonNode run = awaitFinished(client, id);
      assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
      if (run.get("estimate").get("basis").asString().equals("HISTORY")) {
        assertThat(warm).as("warm runs before the first estimate from history").isEqualTo(3);
      }
      warm += run.get("timings").get("load").asDouble() == 0 ? 1 : 0;
      done.add(run);
    }
    for (JsonNode run : done) {
      double seconds = run.get("estimateSeconds").asDouble();
      JsonNode estimate = run.get("estimate");
      assertThat(seconds).isPositive();
      assertThat(estimate.get("secondsLow").asDouble()).isLessThanOrEqualTo(seconds);
      assertThat(estimate.get("secondsHigh").asDouble()).isGreaterThanOrEqualTo(seconds);
      assertThat(estimate.get("peakMemoryBytes").asLong()).isPositive();
      assertThat(estimate.get("deviceSeconds").asDouble()).isEqualTo(seconds);
      assertThat(estimate.get("basis").asString()).isIn(BASES);
      assertThat(run.get("timings").get("total").asDouble()).isPositive();
    }
    JsonNode after = post(client, "/estimates", generation(4));
    assertThat(after.get("basis").asString()).isEqualTo("HISTORY");
    assertThat(after.get("basedOnRuns").asInt()).isEqualTo(warm);

    JsonNode accuracy = client.get().uri("/estimates/accuracy").retrieve().body(JsonNode.class);
    JsonNode configuration = null;
    for (JsonNode c : accuracy.get("configurations")) {
      if (c.get("model").asString().equals("tiny-sd1")
          && c.get("width").asInt() == 24
          && c.get("sampler").asString().equals("ddim")) {
        configuration = c;
      }
    }
    assertThat(configuration).as(accuracy.toString()).isNotNull();
    assertThat(configuration.get("runs").asInt()).isEqualTo(done.size());
    assertThat(configuration.get("medianErrorPercent").asDouble()).isNotNegative();
    assertThat(accuracy.get("medianErrorPercent").asDouble()).isNotNegative();

    Page page = signIn("esther");
    page.navigate(url("runs/" + done.getLast().get("id").asLong()));
    Locator estimate =
        page.locator("vaadin-form-item").filter(new Locator.FilterOptions().setHasText("Estimate"));
    assertThat(estimate.first()).containsText("from runs of this configuration; took");
    assertThat(estimate.first()).containsText("%");
    page.navigate(url("models"));
    Locator row =
        page.locator("#estimate-accuracy-grid vaadin-grid-cell-content")
            .filter(new Locator.FilterOptions().setHasText("24×24"));
    assertThat(row).hasCount(1);
    assertThat(page.locator("#estimate-accuracy-summary")).containsText("Median error");
    screenshot(page, "estimate-accuracy");
  }
}
