package com.diffusionlab.cli;

import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.ModelRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab inspect MODEL}: what a model is, from its headers, without loading weights. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Prints JSON: format, family, per-component parameter counts and dtypes, content hash,"
          + " missing and unexpected tensors. Exits 1 when the model cannot be loaded."
    })
final class InspectCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "Diffusers folder or .safetensors file.")
  private Path model;

  @Option(
      names = "--config",
      description = "For a single-file checkpoint: a diffusers folder with its configs.")
  private Path config;

  @Override
  public Integer call() {
    ModelInspection inspection;
    try (DiffusionEngine engine = new DiffusionEngine(EngineSettings.cpu())) {
      inspection = engine.inspect(new ModelRef(model, config));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", inspection.path().toString());
    json.put("format", inspection.format());
    json.put("family", inspection.family());
    json.put("predictionType", inspection.predictionType());
    json.put("inpainting", inspection.inpainting());
    json.put("sha256", inspection.contentHash());
    json.put("shortHash", inspection.shortHash());
    json.put("tokenizer", inspection.tokenizer());
    json.put("defaultSize", inspection.defaultSize());
    json.put("recommended", inspection.recommended());
    if (!inspection.cardWarnings().isEmpty()) {
      json.put("cardWarnings", inspection.cardWarnings());
    }
    json.put("loadable", inspection.loadable());
    List<Map<String, Object>> components =
        inspection.components().stream().map(InspectCommand::component).toList();
    json.put("components", components);
    CliJson.print(spec, json);
    return inspection.loadable() ? 0 : DlabCommand.EXIT_FAILURE;
  }

  private static Map<String, Object> component(ModelInspection.Component component) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", component.name());
    json.put("parameters", component.parameters());
    json.put("dtypes", component.dtypes().stream().sorted().toList());
    json.put("missing", component.missing());
    json.put("unexpected", component.unexpected());
    json.put("mismatched", component.mismatched());
    return json;
  }
}
