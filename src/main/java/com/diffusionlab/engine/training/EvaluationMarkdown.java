package com.diffusionlab.engine.training;

import com.diffusionlab.engine.shapes.Attribute;
import java.util.List;
import java.util.Locale;

/** The evaluation as Markdown, for docs/benchmarks/tiny-shapes.md and the model card. */
public final class EvaluationMarkdown {
  private static final List<Attribute> SHOWN =
      List.of(
          Attribute.COLOUR,
          Attribute.SHAPE,
          Attribute.COUNT,
          Attribute.POSITION,
          Attribute.BACKGROUND);

  private EvaluationMarkdown() {}

  public static String table(TinyShapesEvaluation.Report report, String command) {
    TinyShapesEvaluation.Options options = report.options();
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Measured by `%s` on model `%s` (%s): %d grammar prompts × %d seeds, %d steps, sampler %s,"
                + " 64×64. Each image is judged by the independent shape checker (pixels only).%n%n",
            command,
            report.modelHash().substring(0, 10),
            options.model().path().getFileName(),
            options.prompts(),
            options.seeds(),
            options.steps(),
            options.sampler()));
    md.append("| guidance | images |");
    SHOWN.forEach(a -> md.append(' ').append(a.name().toLowerCase(Locale.ROOT)).append(" |"));
    md.append("\n|---:|---:|");
    SHOWN.forEach(a -> md.append("---:|"));
    md.append('\n');
    for (TinyShapesEvaluation.Row row : report.rows()) {
      md.append(String.format(Locale.ROOT, "| %.1f | %d |", row.cfg(), row.images()));
      for (Attribute attribute : SHOWN) {
        Double value = row.accuracy().get(attribute);
        md.append(value == null ? " – |" : String.format(Locale.ROOT, " %.1f%% |", 100 * value));
      }
      md.append('\n');
    }
    TinyShapesEvaluation.Row guided = report.rows().get(report.rows().size() - 1);
    md.append("\n| target | required | measured | met |\n|---|---:|---:|:---:|\n");
    target(md, "colour right", 0.85, guided.accuracy().get(Attribute.COLOUR));
    target(md, "shape right", 0.70, guided.accuracy().get(Attribute.SHAPE));
    target(md, "count right", 0.70, guided.accuracy().get(Attribute.COUNT));
    md.append(
        String.format(
            Locale.ROOT,
            "| different seeds give different pictures | all pairs | %.1f%% of pairs | %s |%n",
            100 * report.distinctSeedPairs(),
            report.distinctSeedPairs() == 1 ? "yes" : "no"));
    md.append(
        String.format(
            Locale.ROOT,
            "| one 64×64 image, %d steps, batch 1 | < 2 s | %.2f s | %s |%n",
            options.steps(),
            report.secondsPerImage(),
            report.secondsPerImage() < 2 ? "yes" : "no"));
    return md.toString();
  }

  private static void target(StringBuilder md, String name, double required, Double measured) {
    double value = measured == null ? 0 : measured;
    md.append(
        String.format(
            Locale.ROOT,
            "| %s (guidance %s) | ≥ %.0f%% | %.1f%% | %s |%n",
            name,
            "highest",
            100 * required,
            100 * value,
            value >= required ? "yes" : "no"));
  }
}
