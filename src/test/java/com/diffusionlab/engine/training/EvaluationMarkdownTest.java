package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.SizeClass;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationMarkdownTest {

  private static Adherence adherence(double colour, double shape, double count) {
    return new Adherence(
        Map.of(Attribute.COLOUR, colour, Attribute.SHAPE, shape, Attribute.COUNT, count),
        Map.of(SizeClass.SMALL, shape / 2, SizeClass.LARGE, shape));
  }

  @Test
  void theTableShowsTheCeilingEveryGuidanceScaleAndWhichTargetsAreMet() {
    var options =
        new TinyShapesEvaluation.Options(
            ModelRef.of(Path.of("models/tiny-shapes")), 3, 2, 20, "euler", List.of(1.0, 5.0), 7);
    var report =
        new TinyShapesEvaluation.Report(
            options,
            "0123456789abcdef",
            new AutoencoderRoundTrip.Ceiling(6, adherence(1, 1, 1), adherence(1, 0.9, 0.95)),
            List.of(
                new TinyShapesEvaluation.Row(1, adherence(0.4, 0.3, 0.5), 6),
                new TinyShapesEvaluation.Row(5, adherence(0.9, 0.6, 0.8), 6)),
            0.5,
            1.25);

    String table = EvaluationMarkdown.table(report, "dlab eval --model models/tiny-shapes");

    assertThat(table)
        .contains("`dlab eval --model models/tiny-shapes` on model `0123456789` (tiny-shapes)")
        .contains("| position | background | shape, small objects | shape, large objects |")
        .contains(
            "| dataset through the autoencoder (the ceiling) | 6 | 100.0% | 90.0% | 95.0% | – | – |"
                + " 45.0% | 90.0% |")
        .contains(
            "| **generated, guidance 1.0** | 6 | 40.0% | 30.0% | 50.0% | – | – | 15.0% | 30.0% |")
        .contains("| colour right (guidance highest) | ≥ 85% | 90.0% | yes |")
        .contains("| shape right (guidance highest) | ≥ 70% | 60.0% | no |")
        .contains("| 50.0% of pairs | no |")
        .contains("| < 2 s | 1.25 s | yes |");
  }
}
