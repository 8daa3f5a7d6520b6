package com.diffusionlab.engine.training;

import com.diffusionlab.engine.shapes.Attribute;
import com.diffusionlab.engine.shapes.SizeClass;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The evaluation as Markdown, for docs/benchmarks/tiny-shapes.md and the model card. */
public final class EvaluationMarkdown {
  private static final List<Attribute> SHOWN =
      List.of(
          Attribute.COLOUR,
          Attribute.SHAPE,
          Attribute.COUNT,
          Attribute.POSITION,
          Attribute.BACKGROUND);

  /** A prompt-adherence target: the share of images that must get an attribute right. */
  private record Target(Attribute attribute, double required) {
    boolean metBy(TinyShapesEvaluation.Row row) {
      return measured(row) >= required;
    }

    double measured(TinyShapesEvaluation.Row row) {
      return row.adherence().accuracy().getOrDefault(attribute, 0.0);
    }
  }

  private static final List<Target> TARGETS =
      List.of(
          new Target(Attribute.COLOUR, 0.85),
          new Target(Attribute.SHAPE, 0.70),
          new Target(Attribute.COUNT, 0.70));

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
    targets(md, report.rows());
    md.append("\n| check | required | measured | met |\n|---|---:|---:|:---:|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| different seeds give different pictures (guidance %.1f) | all pairs | %.1f%% of pairs | %s |%n",
            report.rows().getLast().cfg(),
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

  /** Each target at each guidance scale, and the scales at which all of them are met. */
  private static void targets(StringBuilder md, List<TinyShapesEvaluation.Row> rows) {
    md.append("\n| target | required |");
    rows.forEach(r -> md.append(String.format(Locale.ROOT, " guidance %.1f |", r.cfg())));
    md.append("\n|---|---:|").append("---:|".repeat(rows.size())).append('\n');
    for (Target target : TARGETS) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s right | ≥ %.0f%% |",
              target.attribute().name().toLowerCase(Locale.ROOT),
              100 * target.required()));
      for (TinyShapesEvaluation.Row row : rows) {
        md.append(
            String.format(
                Locale.ROOT,
                " %.1f%% %s |",
                100 * target.measured(row),
                target.metBy(row) ? "✓" : "✗"));
      }
      md.append('\n');
    }
    String metAt =
        rows.stream()
            .filter(row -> TARGETS.stream().allMatch(target -> target.metBy(row)))
            .map(row -> String.format(Locale.ROOT, "%.1f", row.cfg()))
            .collect(Collectors.joining(", "));
    md.append(
        String.format(
            Locale.ROOT, "%nAll three met at guidance: %s.%n", metAt.isEmpty() ? "none" : metAt));
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
}
