package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sweep definitions shipped under {@code experiments/} parse and stay small. */
class ExperimentFilesTest {

  private static final Path EXPERIMENTS = Path.of("experiments");

  static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(EXPERIMENTS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void theRepositoryShipsExamples() throws IOException {
    assertThat(files()).hasSizeGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyShippedDefinitionParsesAndRunsInMinutesOnTheBundledModel(Path file) throws IOException {
    SweepDefinition sweep = SweepYaml.parse(Files.readString(file));

    assertThat(file.getFileName().toString()).isEqualTo(sweep.name() + ".yaml");
    assertThat(sweep.cells())
        .allSatisfy(c -> assertThat(c.settings().model()).isEqualTo("tiny-shapes"));
    // About 0.03 s per 64×64 step on two cores (20 when not given): each example under two
    // minutes.
    int steps =
        sweep.cells().stream()
            .mapToInt(c -> c.settings().steps() == null ? 20 : c.settings().steps())
            .sum();
    assertThat(steps * 0.03).isLessThan(120);
  }
}
