package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.shapes.Attribute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled tiny-shapes model, end to end through the engine's ordinary code. */
class TinyShapesModelIT {

  private static final ModelRef MODEL = ModelRef.of(Path.of("models/tiny-shapes"));

  /**
   * Below the shipped model's figures at guidance 3 (docs/benchmarks/tiny-shapes.md: colour 99.6%,
   * background 100%, count 81.7%, shape 77.1%) by a margin for 20 images.
   */
  private static final double FLOOR_COLOUR = 0.85;

  private static final double FLOOR_BACKGROUND = 0.9;
  private static final double FLOOR_COUNT = 0.6;
  private static final double FLOOR_SHAPE = 0.55;
  private static DiffusionEngine engine;

  @BeforeAll
  static void start() {
    engine = new DiffusionEngine(EngineSettings.cpu());
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void theBundledModelIsAnOrdinaryDiffusersFolderOfAtMost25Megabytes() throws IOException {
    ModelInspection inspection = engine.inspect(MODEL);
    assertThat(inspection.format()).isEqualTo("diffusers");
    assertThat(inspection.loadable()).isTrue();
    assertThat(inspection.defaultSize()).isEqualTo(64);
    assertThat(inspection.components()).allSatisfy(c -> assertThat(c.unexpected()).isEmpty());
    try (Stream<Path> files = Files.walk(MODEL.path())) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      assertThat(bytes).isLessThanOrEqualTo(25L << 20);
    }
    assertThat(Files.readString(MODEL.path().resolve("README.md")))
        .contains("dlab train-tiny")
        .contains("colour");
  }

  @Test
  void itGeneratesDeterministicallyAndSeedsDiffer() {
    GenerationRequest request =
        GenerationRequest.builder("two red circles at the top")
            .seed(3)
            .steps(20)
            .cfg(5)
            .size(64, 64)
            .build();
    RgbImage first = generate(request);
    assertThat(generate(request)).isEqualTo(first);
    assertThat(generate(request.toBuilder().seed(4).build())).isNotEqualTo(first);
  }

  private RgbImage generate(GenerationRequest request) {
    return engine
        .generate(MODEL, request, GenerationListener.NONE, new CancellationToken())
        .images()
        .get(0)
        .image();
  }

  @Test
  void aShortEvaluationMeetsAFloorAndGuidanceHelps() {
    TinyShapesEvaluation.Report report =
        new TinyShapesEvaluation(engine)
            .run(
                new TinyShapesEvaluation.Options(MODEL, 10, 2, 20, "euler", List.of(1.0, 3.0), 7),
                line -> {});
    var unguided = report.rows().get(0).adherence().accuracy();
    var guided = report.rows().get(1).adherence().accuracy();
    assertThat(guided.get(Attribute.COLOUR)).isGreaterThanOrEqualTo(FLOOR_COLOUR);
    assertThat(guided.get(Attribute.BACKGROUND)).isGreaterThanOrEqualTo(FLOOR_BACKGROUND);
    assertThat(guided.get(Attribute.COUNT)).isGreaterThanOrEqualTo(FLOOR_COUNT);
    assertThat(guided.get(Attribute.SHAPE)).isGreaterThanOrEqualTo(FLOOR_SHAPE);
    assertThat(guided.get(Attribute.COLOUR)).isGreaterThan(unguided.get(Attribute.COLOUR));
    assertThat(report.distinctSeedPairs()).isEqualTo(1.0);
    assertThat(report.ceiling().drawn().accuracy().get(Attribute.COLOUR)).isEqualTo(1.0);
    assertThat(report.ceiling().roundTrip().accuracy().get(Attribute.COLOUR))
        .isGreaterThanOrEqualTo(0.9);
  }
}
