package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Exports over REST (Arrow read back with Arrow Java, CSV, bundles) and bundle imports: a bundle
 * imports with its lineage, its runs replay to the identical image, and a tampered bundle is
 * refused with nothing written.
 */
class ReportsApiIT extends WorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  private RestClient researcher;
  private static final String EXPERIMENT = "reports-it";

  @BeforeEach
  void users() {
    ApiClients.ensureUsers(identity);
    researcher = ApiClients.as(port, "researcher", TestUsers.PASSWORD);
  }

  private List<Long> twoFinishedRuns() {
    List<Long> ids = new ArrayList<>();
    for (long seed : List.of(3L, 4L)) {
      Map<String, Object> generation = new HashMap<>();
      generation.putAll(
          Map.of(
              "model",
              "tiny-sd1",
              "prompt",
              "a red cat",
              "seed",
              seed,
              "steps",
              3,
              "width",
              16,
              "height",
              16));
      generation.put("experiment", EXPERIMENT);
      ids.add(ApiClients.submit(researcher, generation));
    }
    ids.forEach(
        id ->
            assertThat(ApiClients.awaitFinished(researcher, id).get("status").asString())
                .isEqualTo("SUCCEEDED"));
    return ids;
  }

  private ResponseEntity<byte[]> export(String format, String selection) {
    return researcher
        .get()
        .uri("/exports?format=" + format + "&" + selection)
        .retrieve()
        .toEntity(byte[].class);
  }

  @Test
  void anExperimentExportsAsArrowWithOneRowPerImage() throws IOException {
    List<Long> ids = twoFinishedRuns();
    ResponseEntity<byte[]> arrow = export("arrow", "experiment=" + EXPERIMENT);
    assertThat(arrow.getStatusCode().value()).isEqualTo(200);
    assertThat(arrow.getHeaders().getFirst("X-Export-Runs")).isEqualTo(String.valueOf(countOf()));
    List<Long> exported = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator();
        ArrowFileReader reader =
            new ArrowFileReader(
                new ByteArrayReadableSeekableByteChannel(arrow.getBody()), allocator)) {
      assertThat(reader.getVectorSchemaRoot().getSchema().getCustomMetadata())
          .containsKeys("engine_version", "exported_at", "selection");
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        BigIntVector runIds = (BigIntVector) root.getVector("run_id");
        for (int i = 0; i < root.getRowCount(); i++) {
          exported.add(runIds.get(i));
          assertThat(root.getVector("prompt").getObject(i).toString()).isEqualTo("a red cat");
          assertThat(root.getVector("png_sha256").getObject(i).toString()).hasSize(64);
        }
      }
    }
    assertThat(exported).containsAll(ids);
  }

  private long countOf() {
    return researcher
        .get()
        .uri("/experiments")
        .retrieve()
        .body(JsonNode.class)
        .valueStream()
        .filter(e -> e.get("experiment").get("name").asString().equals(EXPERIMENT))
        .findFirst()
        .orElseThrow()
        .get("runs")
        .asLong();
  }

  @Test
  void csvHasTheArrowColumnsAndNeutralisesFormulas() {
    twoFinishedRuns();
    ResponseEntity<byte[]> csv = export("csv", "query=prompt ~ 'red cat'");
    assertThat(csv.getStatusCode().value()).isEqualTo(200);
    String text = new String(csv.getBody(), StandardCharsets.UTF_8);
    assertThat(text.lines().findFirst().orElseThrow()).startsWith("run_id,output_index,image_seed");
    assertThat(text.lines().count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void anExperimentExportsAsOneSelfContainedHtmlReport() {
    twoFinishedRuns();
    ResponseEntity<byte[]> html = export("html", "experiment=" + EXPERIMENT);
    assertThat(html.getStatusCode().value()).isEqualTo(200);
    assertThat(html.getHeaders().getContentType().toString()).startsWith("text/html");
    String text = new String(html.getBody(), StandardCharsets.UTF_8);
    assertThat(text).contains(EXPERIMENT).contains("a red cat").contains("data:image/png;base64,");
    assertThat(text).doesNotContain("http://").doesNotContain("https://");
    assertThat(text).contains("<svg");
  }

  @Test
  void aBadQueryIsAClearErrorBeforeAnythingIsStreamed() {
    ResponseEntity<JsonNode> bad =
        researcher.get().uri("/exports?format=csv&query=cfg >").retrieve().toEntity(JsonNode.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody().toString()).contains("position");
    ResponseEntity<JsonNode> format =
        researcher.get().uri("/exports?format=xlsx&query=").retrieve().toEntity(JsonNode.class);
    assertThat(format.getBody().toString()).contains("html, arrow, csv or zip");
  }

  @Test
  void aBundleImportsWithItsRunsWhichReplayExactly() throws IOException {
    List<Long> ids = twoFinishedRuns();
    byte[] bundle = export("zip", "runs=" + ids.get(0) + "," + ids.get(1)).getBody();
    assertThat(entries(bundle)).contains("manifest.json", "runs.arrow");
    RestClient admin = ApiClients.as(port, "admin", ADMIN_PASSWORD);
    ResponseEntity<JsonNode> imported = upload(admin, bundle);
    assertThat(imported.getStatusCode().value()).as(imported.getBody().toString()).isEqualTo(201);
    assertThat(imported.getBody().get("runs").asInt()).isEqualTo(2);
    long copy = imported.getBody().get("runIds").get(String.valueOf(ids.get(0))).asLong();
    JsonNode run = admin.get().uri("/runs/{id}", copy).retrieve().body(JsonNode.class);
    JsonNode original =
        researcher.get().uri("/runs/{id}", ids.get(0)).retrieve().body(JsonNode.class);
    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("outputs").get(0).get("sha256"))
        .isEqualTo(original.get("outputs").get(0).get("sha256"));
    long replay =
        admin
            .post()
            .uri("/runs/{id}/replay", copy)
            .retrieve()
            .body(JsonNode.class)
            .get("id")
            .asLong();
    JsonNode replayed = ApiClients.awaitFinished(admin, replay);
    assertThat(replayed.get("reproducedExactly").asBoolean()).isTrue();
  }

  @Test
  void aTamperedBundleIsRefusedAndNothingIsWritten() throws IOException {
    List<Long> ids = twoFinishedRuns();
    byte[] bundle = export("zip", "runs=" + ids.get(0)).getBody();
    RestClient admin = ApiClients.as(port, "admin", ADMIN_PASSWORD);
    long before =
        admin
            .get()
            .uri("/runs?size=1")
            .retrieve()
            .body(JsonNode.class)
            .get("totalElements")
            .asLong();
    ResponseEntity<JsonNode> refused = upload(admin, withExtraFile(bundle));
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().toString()).contains("extra.txt").contains("manifest");
    long after =
        admin
            .get()
            .uri("/runs?size=1")
            .retrieve()
            .body(JsonNode.class)
            .get("totalElements")
            .asLong();
    assertThat(after).isEqualTo(before);
  }

  private ResponseEntity<JsonNode> upload(RestClient client, byte[] bundle) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add(
        "file",
        new ByteArrayResource(bundle) {
          @Override
          public String getFilename() {
            return "bundle.zip";
          }
        });
    return client
        .post()
        .uri("/bundles")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(form)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private static List<String> entries(byte[] zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  /** The bundle with one file the manifest does not list. */
  private static byte[] withExtraFile(byte[] zip) throws IOException {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(copy)) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(out);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("extra.txt"));
      out.write("surprise".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return copy.toByteArray();
  }
}
