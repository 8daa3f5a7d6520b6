package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.TinyModels;
import com.diffusionlab.engine.image.GenerationInfotext;
import com.diffusionlab.engine.image.Infotext;
import com.diffusionlab.engine.image.PngMetadataReader;
import com.diffusionlab.engine.image.ReplayMetadata;
import com.diffusionlab.engine.image.ReplayMetadataCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code dlab} command line as a user runs it, in process. */
class DlabCommandIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Dlab dlab(String... args) {
    return Dlab.run(args);
  }

  /** A 3-step 16×16 generation with the tiny random model, plus {@code options}. */
  private static Dlab generate(String prompt, long seed, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--model",
                tiny(),
                "--prompt",
                prompt,
                "--seed",
                Long.toString(seed),
                "--steps",
                "3",
                "--width",
                "16",
                "--height",
                "16",
                "--out",
                out.toString()));
    args.addAll(List.of(options));
    return dlab(args.toArray(String[]::new));
  }

  private static String tiny() {
    return TinyModels.folder("tiny-sd1").toString();
  }

  @Test
  void generateWritesPngsWithParametersAndPrintsASummary(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("cat.png");
    Dlab run = generate("a photo of a red cat", 7, out, "--batch", "2");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("step 3/3");
    JsonNode summary = run.json();
    assertThat(summary.get("seeds").toString()).isEqualTo("[7,8]");
    assertThat(summary.get("files")).hasSize(2);
    assertThat(summary.get("timings").get("steps")).hasSize(3);
    for (String stage : new String[] {"load", "encode", "decode", "total"}) {
      assertThat(summary.get("timings").has(stage)).as(stage).isTrue();
    }
    assertThat(summary.get("timings").get("load").asDouble()).isPositive();
    assertThat(summary.get("peakRssBytes").asLong()).isPositive();

    Path second = dir.resolve("cat-2.png");
    assertThat(summary.get("sha256").get(1).asString())
        .isEqualTo(com.diffusionlab.engine.Sha256.of(Files.readAllBytes(second)));
    Map<String, String> texts = new PngMetadataReader().read(second).textMap();
    GenerationInfotext infotext = Infotext.parse(texts.get("parameters"));
    assertThat(infotext.prompt()).isEqualTo("a photo of a red cat");
    assertThat(infotext.seed()).hasValue(8);
    assertThat(infotext.steps()).hasValue(3);
    ReplayMetadata replay =
        new ReplayMetadataCodec().decode(texts.get(ReplayMetadataCodec.KEYWORD));
    assertThat(replay.modelSha256()).isEqualTo(summary.get("model").get("sha256").asString());
    assertThat(replay.noiseGenerator()).isEqualTo("philox");
  }

  @Test
  void sameArgumentsGiveTheSameFileBytes(@TempDir Path dir) {
    JsonNode first = generate("a cat", 3, dir.resolve("a.png")).json();
    JsonNode second = generate("a cat", 3, dir.resolve("b.png")).json();
    assertThat(first.get("sha256")).isEqualTo(second.get("sha256"));
  }

  @Test
  void badArgumentsNameTheOptionTheValueAndWhatIsAllowed(@TempDir Path dir) throws IOException {
    String out = dir.resolve("x.png").toString();
    Dlab size = dlab("generate", "--model", tiny(), "--prompt", "a", "--width", "20", "--out", out);
    assertThat(size.exit()).isEqualTo(2);
    assertThat(size.err()).contains("--width=20").contains("multiple of 8");
    Dlab steps = dlab("generate", "--model", tiny(), "--prompt", "a", "--steps", "0", "--out", out);
    assertThat(steps.exit()).isEqualTo(2);
    assertThat(steps.err()).contains("--steps=0").contains("1 to 1000");
    Dlab sampler =
        dlab("generate", "--model", tiny(), "--prompt", "a", "--sampler", "magic", "--out", out);
    assertThat(sampler.exit()).isEqualTo(2);
    assertThat(sampler.err()).contains("--sampler=magic").contains("euler");
    Dlab missing =
        dlab("generate", "--model", dir.resolve("nope").toString(), "--prompt", "a", "--out", out);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("nope").contains("no such model");
    Path pickle = dir.resolve("model.safetensors");
    Files.write(pickle, new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});
    Dlab refused = dlab("inspect", pickle.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("pickle").contains("safetensors");
    assertThat(Files.exists(Path.of(out))).isFalse();
  }

  @Test
  void aWorkerRefusesTheEmbeddedDatabaseAndSaysWhatItNeeds(@TempDir Path dir) {
    Dlab worker =
        dlab(
            "worker",
            "--dlab.data-dir=" + dir.resolve("data"),
            "--dlab.models-dir=" + dir.resolve("models"),
            "--spring.main.banner-mode=off");
    assertThat(worker.exit()).isEqualTo(1);
    assertThat(worker.err())
        .contains("dlab worker needs the shared PostgreSQL database")
        .contains("SPRING_PROFILES_ACTIVE=postgres");
  }

  @Test
  void inspectReportsBothLayoutsOfTheSameWeights() {
    Dlab folder = dlab("inspect", tiny());
    assertThat(folder.exit()).as(folder.err()).isZero();
    JsonNode json = folder.json();
    assertThat(json.get("format").asString()).isEqualTo("diffusers");
    assertThat(json.get("shortHash").asString()).hasSize(10);
    assertThat(json.get("components").get(1).get("name").asString()).isEqualTo("unet");
    // the sum of the tensor sizes in the fixture's safetensors header, read with Python
    assertThat(json.get("components").get(1).get("parameters").asLong()).isEqualTo(203_204L);

    Dlab single = dlab("inspect", TinyModels.singleFile("tiny-sd1").toString(), "--config", tiny());
    JsonNode singleJson = single.json();
    assertThat(singleJson.get("format").asString()).isEqualTo("single-file");
    assertThat(singleJson.get("loadable").asBoolean()).isTrue();
    assertThat(singleJson.get("components").get(1).get("unexpected")).isEmpty();
  }

  @Test
  void aPngIsReplayedLocallyToTheIdenticalImage(@TempDir Path dir) throws IOException {
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.createSymbolicLink(models.resolve("tiny-sd1"), TinyModels.folder("tiny-sd1"));
    Path png = dir.resolve("cat.png");
    assertThat(generate("a red cat", 9, png, "--rng", "torch-cpu").exit()).isZero();
    Dlab replay = dlab("replay", "--png", png.toString(), "--models", models.toString());
    assertThat(replay.exit()).as(replay.err()).isZero();
    assertThat(replay.json().get("reproducedExactly").asBoolean()).isTrue();
    Path foreign = dir.resolve("foreign.png");
    Files.write(
        foreign,
        new com.diffusionlab.engine.image.PngWriter()
            .encode(new com.diffusionlab.engine.image.RgbImage(1, 1, new byte[3]), List.of()));
    Dlab refused = dlab("replay", "--png", foreign.toString(), "--models", models.toString());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("--png").contains("diffusionlab");
  }

  @Test
  void noiseMatchesThePublishedPhiloxVector() {
    Dlab run = dlab("noise", "--rng", "philox", "--seed", "0", "--shape", "3,4");
    assertThat(run.exit()).isZero();
    JsonNode values = run.json().get("values");
    assertThat(values.get(0).get(0).asDouble())
        .isCloseTo(-0.92466259, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(values.get(2).get(3).asDouble())
        .isCloseTo(2.26550497, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(dlab("noise", "--rng", "curand", "--seed", "0", "--shape", "3").err())
        .contains("--rng=curand");
  }
}
