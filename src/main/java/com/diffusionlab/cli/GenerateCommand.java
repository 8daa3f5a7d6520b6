package com.diffusionlab.cli;

import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.GeneratedImage;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationPng;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.ModelRef;
import com.diffusionlab.engine.RecommendedSettings;
import com.diffusionlab.engine.Sha256;
import com.diffusionlab.engine.StepProgress;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.scheduling.DeviceClasses;
import com.diffusionlab.tracking.GenerationDefaults;
import com.diffusionlab.tracking.GenerationRequests;
import com.diffusionlab.tracking.GenerationSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlab generate}: one generation, PNGs with their parameters, a JSON summary on stdout; here
 * and untracked, or on a workspace (a server named) as a tracked run of an experiment.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates images and writes PNGs carrying their parameters (AUTOMATIC1111 'parameters' text"
          + " and a Diffusion Lab replay chunk). Progress goes to stderr, a one-line JSON summary"
          + " to stdout.",
      "With --server (or DLAB_URL) it runs on that workspace as a tracked run of --experiment in"
          + " --session, under the session's quota, and the images are downloaded to --out."
    })
final class GenerateCommand implements Callable<Integer> {

  /** Request field names as the options that set them. */
  private static final Map<String, String> OPTIONS =
      Map.ofEntries(
          Map.entry("prompt", "--prompt"),
          Map.entry("negativePrompt", "--negative"),
          Map.entry("seed", "--seed"),
          Map.entry("steps", "--steps"),
          Map.entry("cfg", "--cfg"),
          Map.entry("sampler", "--sampler"),
          Map.entry("width", "--width"),
          Map.entry("height", "--height"),
          Map.entry("batch", "--batch"),
          Map.entry("rng", "--rng"),
          Map.entry("clipSkip", "--clip-skip"),
          Map.entry("strength", "--strength"),
          Map.entry("schedule", "--schedule"),
          Map.entry("eta", "--eta"),
          Map.entry("initImage", "--init"),
          Map.entry("maskImage", "--mask"));

  @Spec private CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      description =
          "Diffusers folder or .safetensors file; on a server, a model's name or content hash.")
  private Path model;

  @Option(
      names = "--config",
      description = "For a single-file checkpoint: a diffusers folder with its configs.")
  private Path config;

  @Option(names = "--prompt", required = true, description = "What to draw; (word:1.2) emphasis.")
  private String prompt;

  @Option(names = "--negative", description = "What to avoid.")
  private String negative;

  @Option(names = "--seed", description = "Seed of the first image (default: random).")
  private Long seed;

  @Option(names = "--steps", description = "Sampler steps (default: dlab.defaults.steps).")
  private Integer steps;

  @Option(names = "--cfg", description = "Guidance scale (default: dlab.defaults.cfg).")
  private Double cfg;

  @Option(
      names = "--sampler",
      description =
          "euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, pndm (default: dlab.defaults.sampler).")
  private String sampler;

  @Option(names = "--schedule", description = "normal or karras (default: the sampler's).")
  private String schedule;

  @Option(names = "--eta", description = "DDIM's eta in [0, 1].")
  private Double eta;

  @Option(names = "--width", description = "Image width, a multiple of 8 (default: the model's).")
  private Integer width;

  @Option(names = "--height", description = "Image height, a multiple of 8 (default: the model's).")
  private Integer height;

  @Option(names = "--batch", description = "Images; seeds seed, seed+1, …")
  private Integer batch;

  @Option(names = "--rng", description = "philox (CUDA randn) or torch-cpu.")
  private String rng;

  @Option(names = "--clip-skip", description = "1 = last text encoder layer.")
  private Integer clipSkip;

  @Option(names = "--init", description = "Init image (PNG/JPEG) for img2img.")
  private Path init;

  @Option(names = "--strength", description = "img2img denoising strength.")
  private Double strength;

  @Option(names = "--mask", description = "Inpainting mask, white = repaint (needs --init).")
  private Path mask;

  @Option(names = "--out", required = true, description = "Output PNG; a batch adds -1, -2, …")
  private Path out;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (local only).")
  private String device;

  @Option(
      names = "--device-class",
      description =
          "With a server: run only on a worker of this device class, cpu or gpu (default: any"
              + " device).")
  private String deviceClass;

  @Mixin private ServerOptions server = new ServerOptions();

  @Option(
      names = "--session",
      description = "With a server: the playground session (default: your default session).")
  private Long session;

  @Option(
      names = "--experiment",
      description = "With a server: your experiment to join, created when new (default: default).")
  private String experiment;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (server.given()) {
      return onWorkspace();
    }
    if (session != null || experiment != null || deviceClass != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--session, --experiment and --device-class need a workspace (--server URL or"
              + " DLAB_URL): a local generation is not tracked and runs on --device");
    }
    PrintWriter err = spec.commandLine().getErr();
    ImageFiles images =
        new ImageFiles((long) GenerationRequest.MAX_SIDE * GenerationRequest.MAX_SIDE);
    RgbImage initImage = init == null ? null : images.readRgb(init);
    Mask maskImage = mask == null ? null : images.readMask(mask);
    GenerationSettings asked = settings();
    GenerationDefaults defaults = CliDefaults.load();
    // checked before the model is loaded, so that bad options fail at once
    request(defaults.complete(asked, 512, RecommendedSettings.NONE), initImage, maskImage, 0);
    try (DiffusionEngine engine =
        new DiffusionEngine(EngineSettings.on(DeviceOption.parse(device)))) {
      ModelRef ref = new ModelRef(model, config);
      ModelInspection inspection = engine.inspect(ref);
      GenerationRequest request =
          request(
              defaults.complete(asked, inspection.defaultSize(), inspection.recommended()),
              initImage,
              maskImage,
              inspection.textEncoderLayers());
      GenerationResult result =
          engine.generate(ref, request, new Progress(err), new CancellationToken());
      List<Path> files = write(result);
      CliJson.print(spec, summary(result, files));
      return 0;
    }
  }

  private Integer onWorkspace() throws IOException, InterruptedException {
    if (config != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--config="
              + config
              + " is for a local checkpoint; a workspace knows its models' configs");
    }
    // checked before anything is uploaded
    DeviceClasses.require("--device-class", deviceClass);
    try (ServerClient client = server.client()) {
      Map<String, Object> summary =
          new WorkspaceGeneration(client, spec.commandLine().getErr())
              .generate(settings(), session, experiment, deviceClass, init, mask, out);
      CliJson.print(spec, summary);
      return "SUCCEEDED".equals(summary.get("status")) ? 0 : DlabCommand.EXIT_FAILURE;
    }
  }

  /** The options as generation settings; images by the SHA-256 of their files. */
  private GenerationSettings settings() throws IOException {
    return new GenerationSettings(
        model.toString(),
        null,
        prompt,
        negative,
        seed != null ? seed : new SecureRandom().nextLong(1L << 32),
        steps,
        cfg,
        sampler,
        schedule,
        eta,
        width,
        height,
        batch,
        rng,
        clipSkip,
        strength,
        init == null ? null : Sha256.of(Files.readAllBytes(init)),
        mask == null ? null : Sha256.of(Files.readAllBytes(mask)));
  }

  private static GenerationRequest request(
      GenerationSettings settings, RgbImage init, Mask mask, int textEncoderLayers) {
    try {
      return GenerationRequests.toEngine(settings, init, mask, false, textEncoderLayers);
    } catch (InvalidRequestException e) {
      throw withOptionNames(e);
    }
  }

  private static InvalidRequestException withOptionNames(InvalidRequestException e) {
    List<FieldError> renamed = new ArrayList<>();
    for (FieldError error : e.errors()) {
      renamed.add(
          new FieldError(
              OPTIONS.getOrDefault(error.field(), error.field()), error.value(), error.allowed()));
    }
    return new InvalidRequestException(renamed);
  }

  private List<Path> write(GenerationResult result) throws IOException {
    GenerationPng png = new GenerationPng();
    List<Path> files = new ArrayList<>();
    for (GeneratedImage image : result.images()) {
      Path file = outputFile(out, image.index(), result.images().size());
      Files.write(file, png.encode(result, image.index()));
      files.add(file);
    }
    return files;
  }

  /**
   * Where image {@code index} of {@code count} goes: {@code out} itself for a single image, else
   * numbered from 1 ({@code cat.png} → {@code cat-1.png}, …); its folder is created.
   */
  static Path outputFile(Path out, int index, int count) throws IOException {
    Path file = count == 1 ? out : numbered(out, index + 1);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return file;
  }

  private static Path numbered(Path file, int number) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : ".png";
    return file.resolveSibling(stem + "-" + number + extension);
  }

  private static Map<String, Object> summary(GenerationResult result, List<Path> files)
      throws IOException {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", files.stream().map(Path::toString).toList());
    summary.put("seeds", result.images().stream().map(GeneratedImage::seed).toList());
    List<String> hashes = new ArrayList<>();
    for (Path file : files) {
      hashes.add(Sha256.of(Files.readAllBytes(file)));
    }
    summary.put("sha256", hashes);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("load", result.timings().load());
    timings.put("tokenize", result.timings().tokenize());
    timings.put("encode", result.timings().encode());
    timings.put("steps", result.timings().steps());
    timings.put("decode", result.timings().decode());
    timings.put("total", result.timings().total());
    summary.put("timings", timings);
    summary.put("peakRssBytes", result.peakRssBytes());
    if (result.peakDeviceBytes() > 0) {
      summary.put("peakDeviceBytes", result.peakDeviceBytes());
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", result.model().name());
    model.put("sha256", result.model().contentHash());
    model.put("shortHash", result.model().shortHash());
    model.put("family", result.model().family());
    summary.put("model", model);
    summary.put("sampler", result.sampler());
    summary.put("rng", result.request().rng().id());
    summary.put("device", result.device());
    summary.put("precision", result.precision());
    summary.put("engineVersion", result.engineVersion());
    summary.put("warnings", result.warnings());
    return summary;
  }

  /** Progress lines on stderr: one per stage and one per step. */
  private record Progress(PrintWriter err) implements GenerationListener {
    @Override
    public void onStage(Stage stage) {
      err.println(stage.name().toLowerCase() + " …");
      err.flush();
    }

    @Override
    public void onStep(StepProgress step) {
      err.printf(
          "step %d/%d  sigma %.4f  %.2f s%n",
          step.index() + 1, step.total(), step.sigma(), step.seconds());
      err.flush();
    }
  }
}
