package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlab sweep FILE} without a server, as a user runs it from the jar: the workspace starts in
 * the process on the local data folder, the sweep's cells become tracked runs there, and the grid
 * comes out as a PNG.
 */
class SweepInProcessIT {

  @TempDir Path folder;

  @Test
  void aSweepRunsInProcessOnTheLocalDataFolder() throws IOException, InterruptedException {
    Path models = folder.resolve("models");
    Files.createDirectories(models);
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> reference = Files.list(Path.of("src/test/resources/reference"))) {
      reference.filter(p -> p.getFileName().toString().equals("tiny-sd1")).forEach(entries::add);
    }
    entries.add(Path.of("models/tiny-shapes"));
    for (Path entry : entries) {
      Files.createSymbolicLink(models.resolve(entry.getFileName()), entry.toAbsolutePath());
    }
    Path definition = folder.resolve("sweep.yaml");
    Files.writeString(
        definition,
        """
        name: in-process sweep
        base: {model: tiny-sd1, prompt: a red cat, steps: 2, width: 16, height: 16, seed: 4}
        x: {field: steps, values: "1-2"}
        """);
    Path grid = folder.resolve("grid.png");
    WorkspaceProcess.Result result =
        WorkspaceProcess.run(
            folder.resolve("data"),
            models,
            Duration.ofMinutes(4),
            "sweep",
            definition.toString(),
            "--grid",
            grid.toString(),
            "--cell",
            "32");
    assertThat(result.exit()).as(result.err() + result.out()).isZero();
    assertThat(result.err()).contains("2 cells · about").contains("2/2 cells finished");
    assertThat(result.out()).contains("\"status\":\"FINISHED\"").contains("\"succeeded\":2");
    assertThat(ImageIO.read(grid.toFile()).getWidth()).isGreaterThan(64);
    assertThat(folder.resolve("data/db"))
        .as("the runs are tracked in the local data folder")
        .exists();
  }
}
