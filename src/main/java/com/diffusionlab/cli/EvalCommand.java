package com.diffusionlab.cli;

import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.training.EvaluationMarkdown;
import com.diffusionlab.engine.training.TinyShapesEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab eval}: prompt adherence of a tiny-shapes model, judged by the shape checker. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Generates grammar prompts with several seeds at each guidance scale and scores colour,"
          + " shape, count, position and background with an independent image checker. Prints a"
          + " table, writes it to --out and into the model's README.md between its evaluation"
          + " markers."
    })
final class EvalCommand implements Callable<Integer> {

  static final String START_MARKER = "<!-- evaluation:start -->";
  static final String END_MARKER = "<!-- evaluation:end -->";

  @Spec private CommandSpec spec;

  @Option(names = "--model", required = true, description = "A tiny-shapes model folder.")
  private Path model;

  @Option(
      names = "--prompts",
      defaultValue = "60",
      description = "Prompts (default ${DEFAULT-VALUE}).")
  private int prompts;

  @Option(
      names = "--seeds",
      defaultValue = "4",
      description = "Seeds per prompt (default ${DEFAULT-VALUE}).")
  private int seeds;

  @Option(names = "--steps", defaultValue = "20", description = "Steps (default ${DEFAULT-VALUE}).")
  private int steps;

  @Option(
      names = "--sampler",
      defaultValue = "euler",
      description = "Sampler (default ${DEFAULT-VALUE}).")
  private String sampler;

  @Option(
      names = "--cfg",
      split = ",",
      defaultValue = "1,3,5",
      description = "Guidance scales to compare (default ${DEFAULT-VALUE}).")
  private List<Double> guidance;

  @Option(
      names = "--out",
      defaultValue = "docs/benchmarks/tiny-shapes.md",
      description = "Report file.")
  private Path out;

  @Override
  public Integer call() throws IOException {
    if (prompts < 1 || prompts > 1000) {
      throw new InvalidRequestException("--prompts", prompts, "1 to 1000");
    }
    if (seeds < 1 || seeds > 16) {
      throw new InvalidRequestException("--seeds", seeds, "1 to 16");
    }
    PrintWriter err = spec.commandLine().getErr();
    TinyShapesEvaluation.Report report;
    try (DiffusionEngine engine = new DiffusionEngine(EngineSettings.cpu())) {
      report =
          new TinyShapesEvaluation(engine)
              .run(
                  new TinyShapesEvaluation.Options(
                      ModelRef.of(model), prompts, seeds, steps, sampler, guidance, 2026),
                  line -> {
                    err.println(line);
                    err.flush();
                  });
    }
    String command =
        "dlab eval --model "
            + model
            + " --prompts "
            + prompts
            + " --seeds "
            + seeds
            + " --steps "
            + steps
            + " --cfg "
            + String.join(",", guidance.stream().map(String::valueOf).toList());
    String table = EvaluationMarkdown.table(report, command);
    spec.commandLine().getOut().println(table);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, "# tiny-shapes evaluation\n\n" + table);
    updateModelCard(model.resolve("README.md"), table);
    return 0;
  }

  /** Replaces the text between the evaluation markers of a model card, if it has them. */
  private static void updateModelCard(Path card, String table) throws IOException {
    if (!Files.isRegularFile(card)) {
      return;
    }
    String text = Files.readString(card);
    int start = text.indexOf(START_MARKER);
    int end = text.indexOf(END_MARKER);
    if (start < 0 || end < start) {
      return;
    }
    Files.writeString(
        card,
        text.substring(0, start + START_MARKER.length()) + "\n" + table + text.substring(end));
  }
}
