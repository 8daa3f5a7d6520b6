package com.diffusionlab.engine.training;

import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.SizeClass;
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
                + " 64×64. Each image is judged by the independent shape checker (pixels only). The"
                + " first two rows judge as many unseen dataset images: as drawn (how often the"
                + " checker itself is right) and after the model's autoencoder encoded and decoded"
                + " them (what a perfect UNet on this autoencoder would reach). An image's shape is"
                + " right when every object found has the shape asked for; the last two columns"
                + " judge the objects one by one, by the size they were drawn at.%n%n",
            command,
            report.modelHash().substring(0, 10),
            options.model().path().getFileName(),
            options.prompts(),
            options.seeds(),
            options.steps(),
            options.sampler()));
    md.append("| pictures | n |");
    SHOWN.forEach(a -> md.append(' ').append(a.name().toLowerCase(Locale.ROOT)).append(" |"));
    for (SizeClass size : SizeClass.values()) {
      md.append(" shape, ").append(size.word()).append(" objects |");
    }
    md.append("\n|---|---:|");
    SHOWN.forEach(a -> md.append("---:|"));
    md.append("---:|".repeat(SizeClass.values().length));
    md.append('\n');
    var ceiling = report.ceiling();
    row(md, "dataset, as drawn (the checker itself)", ceiling.images(), ceiling.drawn());
    row(md, "dataset through the autoencoder (the ceiling)", ceiling.images(), ceiling.roundTrip());
    for (TinyShapesEvaluation.Row row : report.rows()) {
      String source = String.format(Locale.ROOT, "**generated, guidance %.1f**", row.cfg());
      row(md, source, row.images(), row.adherence());
    }
    TinyShapesEvaluation.Row guided = report.rows().get(report.rows().size() - 1);
    md.append("\n| target | required | measured | met |\n|---|---:|---:|:---:|\n");
    target(md, "colour right", 0.85, guided.adherence().accuracy().get(Attribute.COLOUR));
    target(md, "shape right", 0.70, guided.adherence().accuracy().get(Attribute.SHAPE));
    target(md, "count right", 0.70, guided.adherence().accuracy().get(Attribute.COUNT));
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

  private static void row(StringBuilder md, String source, int images, Adherence adherence) {
    md.append(String.format(Locale.ROOT, "| %s | %d |", source, images));
    SHOWN.forEach(attribute -> cell(md, adherence.accuracy().get(attribute)));
    for (SizeClass size : SizeClass.values()) {
      cell(md, adherence.objectShapes().get(size));
    }
    md.append('\n');
  }

  private static void cell(StringBuilder md, Double share) {
    md.append(share == null ? " – |" : String.format(Locale.ROOT, " %.1f%% |", 100 * share));
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
