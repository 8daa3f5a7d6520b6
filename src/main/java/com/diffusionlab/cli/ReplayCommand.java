package com.diffusionlab.cli;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.EngineSettings;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationPng;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.PngMetadataReader;
import com.diffusionlab.engine.image.ReplayMetadata;
import com.diffusionlab.engine.image.ReplayMetadataCodec;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.tracking.GenerationRequests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlab replay}: a run again, to the identical image. Either a run on a server (by id,
 * through the REST API) or a PNG made by Diffusion Lab, replayed here with the model whose content
 * hash the PNG names and compared pixel for pixel.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a run by id on a running server (DLAB_URL, DLAB_USER, DLAB_PASSWORD or the options),"
          + " or a Diffusion Lab PNG locally (--png), and reports whether the output is identical."
          + " Exit status 0: reproduced exactly; 4: it differs."
    })
final class ReplayCommand implements Callable<Integer> {

  static final int EXIT_DIFFERS = 4;

  @Spec private CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  private Target target;

  static final class Target {
    @Parameters(paramLabel = "RUN_ID", description = "A run on the server.")
    Long runId;

    @Option(names = "--png", description = "A PNG written by Diffusion Lab.")
    Path png;
  }

  @Mixin private ServerOptions server = new ServerOptions();

  @Option(
      names = "--models",
      defaultValue = "models",
      description = "Where to look for the PNG's model.")
  private Path models;

  @Option(names = "--out", description = "With --png: write the replayed PNG here.")
  private Path out;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return target.runId != null ? remote(target.runId) : local(target.png);
  }

  private Integer remote(long runId) throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    try (ServerClient client = server.client()) {
      JsonNode replay = client.post("/runs/" + runId + "/replay");
      long id = replay.get("id").asLong();
      err.println("replaying run " + runId + " as run " + id + " …");
      JsonNode run = client.awaitRun(id, err);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("id", id);
      summary.put("parentId", runId);
      summary.put("status", run.get("status").asString());
      summary.put("reproducedExactly", run.get("reproducedExactly"));
      summary.put("reproductionNote", run.get("reproductionNote"));
      summary.put("error", run.get("error"));
      CliJson.print(spec, summary);
      if (!"SUCCEEDED".equals(run.get("status").asString())) {
        return DlabCommand.EXIT_FAILURE;
      }
      return run.get("reproducedExactly").asBoolean() ? 0 : EXIT_DIFFERS;
    }
  }

  private Integer local(Path png) throws IOException {
    Map<String, String> texts = new PngMetadataReader().read(png).textMap();
    String json = texts.get(ReplayMetadataCodec.KEYWORD);
    if (json == null) {
      throw new InvalidRequestException(
          "--png",
          png,
          "a PNG written by Diffusion Lab (it has no '" + ReplayMetadataCodec.KEYWORD + "' chunk)");
    }
    ReplayMetadata replay = new ReplayMetadataCodec().decode(json);
    RgbImage original = new ImageFiles(4096L * 4096).readRgb(png);
    try (DiffusionEngine engine = new DiffusionEngine(EngineSettings.cpu())) {
      ModelRef model = find(engine, replay.modelSha256());
      if (replay.strength() != null) {
        throw new InvalidRequestException(
            "--png",
            png,
            "a txt2img image: img2img needs its init image, which the PNG does not hold; replay it on the server");
      }
      GenerationRequest request =
          GenerationRequests.toEngine(GenerationRequests.fromReplay(replay), null, null, false);
      GenerationResult result =
          engine.generate(model, request, GenerationListener.NONE, new CancellationToken());
      RgbImage again = result.images().get(0).image();
      if (out != null) {
        Files.write(out, new GenerationPng().encode(result, 0));
      }
      boolean identical = again.equals(original);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("png", png.toString());
      summary.put("model", model.path().toString());
      summary.put("seed", replay.seed());
      summary.put("reproducedExactly", identical);
      if (!identical) {
        summary.put("maxPixelDifference", maxDifference(original, again));
        summary.put(
            "recorded",
            replay.deviceClass() + " " + replay.precision() + " engine " + replay.engineVersion());
        summary.put(
            "here",
            result.device() + " " + result.precision() + " engine " + result.engineVersion());
      }
      CliJson.print(spec, summary);
      return identical ? 0 : EXIT_DIFFERS;
    }
  }

  /** The model under --models whose content hash the PNG names. */
  private ModelRef find(DiffusionEngine engine, String sha256) throws IOException {
    if (!Files.isDirectory(models)) {
      throw new InvalidRequestException("--models", models, "a folder of models");
    }
    try (Stream<Path> entries = Files.list(models)) {
      for (Path path : entries.sorted().toList()) {
        try {
          ModelInspection inspection = engine.inspect(ModelRef.of(path));
          if (inspection.contentHash().equals(sha256)) {
            return ModelRef.of(path);
          }
        } catch (EngineException notAModel) {
          // other files in the folder
        }
      }
    }
    throw new InvalidRequestException(
        "--models",
        models,
        "a folder holding the model with content hash "
            + sha256.substring(0, 10)
            + " that made this PNG");
  }

  private static int maxDifference(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      return 255;
    }
    int max = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      max = Math.max(max, Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff)));
    }
    return max;
  }
}
