package com.diffusionlab.engine.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.SizeClass;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationMarkdownTest {

  private static Adherence adherence(double colour, double shape, double count) {
    return new Adherence(
        Map.of(Attribute.COLOUR, colour, Attribute.SHAPE, shape, Attribute.COUNT, count),
        Map.of(SizeClass.SMALL, shape / 2, SizeClass.LARGE, shape));
  }

  private static String table(TinyShapesEvaluation.Row... rows) {
    var options =
        new TinyShapesEvaluation.Options(
            ModelRef.of(Path.of("models/tiny-shapes")),
            3,
            2,
            20,
            "euler",
            Arrays.stream(rows).map(TinyShapesEvaluation.Row::cfg).toList(),
            7);
    var report =
        new TinyShapesEvaluation.Report(
            options,
            "0123456789abcdef",
            new AutoencoderRoundTrip.Ceiling(6, adherence(1, 1, 1), adherence(1, 0.9, 0.95)),
            List.of(rows),
            0.5,
            1.25);
    return EvaluationMarkdown.table(report, "dlab eval --model models/tiny-shapes");
  }

  @Test
  void theTableShowsTheCeilingEveryGuidanceScaleAndWhichTargetsAreMet() {
    String table =
        table(
            new TinyShapesEvaluation.Row(1, adherence(0.4, 0.3, 0.5), 6),
            new TinyShapesEvaluation.Row(5, adherence(0.9, 0.6, 0.8), 6));

    assertThat(table)
        .contains("`dlab eval --model models/tiny-shapes` on model `0123456789` (tiny-shapes)")
        .contains("| position | background | shape, small objects | shape, large objects |")
        .contains(
            "| dataset through the autoencoder (the ceiling) | 6 | 100.0% | 90.0% | 95.0% | – | – |"
                + " 45.0% | 90.0% |")
        .contains(
            "| **generated, guidance 1.0** | 6 | 40.0% | 30.0% | 50.0% | – | – | 15.0% | 30.0% |")
        .contains("| target | required | guidance 1.0 | guidance 5.0 |")
        .contains("| colour right | ≥ 85% | 40.0% ✗ | 90.0% ✓ |")
        .contains("| shape right | ≥ 70% | 30.0% ✗ | 60.0% ✗ |")
        .contains("All three met at guidance: none.")
        .contains("| 50.0% of pairs | no |")
        .contains("| < 2 s | 1.25 s | yes |");
  }

  @Test
  void theGuidanceScalesThatMeetEveryTargetAreNamed() {
    String table =
        table(
            new TinyShapesEvaluation.Row(1, adherence(0.9, 0.75, 0.8), 6),
            new TinyShapesEvaluation.Row(3, adherence(0.95, 0.8, 0.7), 6),
            new TinyShapesEvaluation.Row(5, adherence(0.99, 0.6, 0.75), 6));

    assertThat(table)
        .contains("| count right | ≥ 70% | 80.0% ✓ | 70.0% ✓ | 75.0% ✓ |")
        .contains("All three met at guidance: 1.0, 3.0.")
        .contains("different seeds give different pictures (guidance 5.0)");
  }
}
