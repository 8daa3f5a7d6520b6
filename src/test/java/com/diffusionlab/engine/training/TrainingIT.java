package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import com.diffusionlab.engine.GenerationCancelledException;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.Sha256;
import com.diffusionlab.engine.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training machinery on the micro architecture: a few steps, exact resume, a usable model. */
class TrainingIT {

  private static TrainingOptions micro(Path dir, long vaeSteps, long diffusionSteps) {
    return new TrainingOptions(
        dir.resolve("model"),
        dir.resolve("checkpoints"),
        5,
        60,
        0.5,
        4,
        4,
        vaeSteps,
        diffusionSteps,
        60,
        true);
  }

  private static final class Recorder implements TrainingListener {
    final List<Double> losses = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    final CancellationToken token = new CancellationToken();
    String cancelAt;

    @Override
    public void onStep(String stage, long step, double loss, double perStep, double remaining) {
      losses.add(loss);
      if ((stage + step).equals(cancelAt)) {
        token.cancel();
      }
    }

    @Override
    public void onMessage(String message) {
      messages.add(message);
    }
  }

  @Test
  void trainsAModelTheEngineLoadsAndGeneratesWith(@TempDir Path dir) throws IOException {
    Recorder recorder = new Recorder();
    new TinyShapesTrainer(micro(dir, 6, 6), recorder, recorder.token).train();
    assertThat(recorder.losses).hasSize(12).allSatisfy(loss -> assertThat(loss).isFinite());
    try (DiffusionEngine engine = new DiffusionEngine(EngineSettings.cpu())) {
      var result =
          engine.generate(
              ModelRef.of(dir.resolve("model")),
              GenerationRequest.builder("two red circles at the top").steps(3).size(64, 64).build(),
              GenerationListener.NONE,
              new CancellationToken());
      RgbImage image = result.images().get(0).image();
      assertThat(image.width()).isEqualTo(64);
      assertThat(result.model().family()).isEqualTo("custom");
    }
  }

  @Test
  void anInterruptedRunResumesToTheSameModel(@TempDir Path dir) throws IOException {
    Path straight = dir.resolve("straight");
    Recorder uninterrupted = new Recorder();
    ModelCard.Figures straightFigures =
        new TinyShapesTrainer(micro(straight, 4, 4), uninterrupted, uninterrupted.token)
            .train()
            .figures();

    Path interrupted = dir.resolve("interrupted");
    Recorder first = new Recorder();
    first.cancelAt = "vae2";
    assertThatThrownBy(
            () -> new TinyShapesTrainer(micro(interrupted, 4, 4), first, first.token).train())
        .isInstanceOf(GenerationCancelledException.class);
    Recorder second = new Recorder();
    second.cancelAt = "diffusion3";
    assertThatThrownBy(
            () -> new TinyShapesTrainer(micro(interrupted, 4, 4), second, second.token).train())
        .isInstanceOf(GenerationCancelledException.class);
    Recorder third = new Recorder();
    ModelCard.Figures resumedFigures =
        new TinyShapesTrainer(micro(interrupted, 4, 4), third, third.token).train().figures();
    assertThat(third.messages).anyMatch(m -> m.startsWith("resuming diffusion at step 3"));
    // the card of a resumed run reports the stages earlier processes ran
    assertThat(resumedFigures.vaeSteps()).isEqualTo(4);
    assertThat(resumedFigures.diffusionSteps()).isEqualTo(4);
    assertThat(resumedFigures.vaeLoss()).isEqualTo(straightFigures.vaeLoss());
    assertThat(resumedFigures.diffusionLoss()).isEqualTo(straightFigures.diffusionLoss());
    assertThat(resumedFigures.vaeMinutes()).isPositive();

    List<Double> resumedLosses = new ArrayList<>(first.losses);
    resumedLosses.addAll(second.losses);
    resumedLosses.addAll(third.losses);
    assertThat(resumedLosses).containsExactlyElementsOf(uninterrupted.losses);
    assertThat(weightHashes(interrupted.resolve("model")))
        .isEqualTo(weightHashes(straight.resolve("model")));
  }

  private static List<String> weightHashes(Path model) throws IOException {
    try (Stream<Path> files = Files.walk(model)) {
      List<Path> weights =
          files.filter(f -> f.toString().endsWith(".safetensors")).sorted().toList();
      List<String> hashes = new ArrayList<>();
      for (Path file : weights) {
        hashes.add(model.relativize(file) + " " + Sha256.of(Files.readAllBytes(file)));
      }
      assertThat(hashes).hasSize(3);
      return hashes;
    }
  }
}
