package com.diffusionlab.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.cuda.CudaUtils;
import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.GeneratedImage;
import com.diffusionlab.engine.GenerationListener;
import com.diffusionlab.engine.GenerationListener.Stage;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.GenerationResult;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.ResourceMonitor;
import com.diffusionlab.engine.StageTimings;
import com.diffusionlab.engine.StepProgress;
import com.diffusionlab.engine.image.Mask;
import com.diffusionlab.engine.image.ResizeFilter;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.engine.loading.LoadedModel;
import com.diffusionlab.engine.nn.Scoped;
import com.diffusionlab.engine.noise.PerImageNoise;
import com.diffusionlab.engine.sampling.Denoiser;
import com.diffusionlab.engine.sampling.ModelDenoiser;
import com.diffusionlab.engine.sampling.Sampler;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplingPlan;
import com.diffusionlab.engine.text.PromptChunker;
import com.diffusionlab.engine.text.TokenizedPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * txt2img, img2img and inpainting on a loaded model: prompts to embeddings, seeded noise to
 * latents, the sampler loop with guidance, and the VAE back to pixels, with per-stage timings.
 * Stateless per run apart from the preview maps it fits once per model; runs may overlap.
 */
public final class StableDiffusionPipeline {

  private final ResourceMonitor monitor;
  private final String engineVersion;
  private final Map<String, LatentPreview> previews = new ConcurrentHashMap<>();

  public StableDiffusionPipeline(ResourceMonitor monitor, String engineVersion) {
    this.monitor = monitor;
    this.engineVersion = engineVersion;
  }

  /**
   * @param loadSeconds time spent loading the model for this run (0 when cached)
   * @throws InvalidRequestException when the request does not fit this model
   * @throws com.diffusionlab.engine.GenerationCancelledException when cancelled between steps
   */
  public GenerationResult run(
      LoadedModel model,
      GenerationRequest request,
      double loadSeconds,
      GenerationListener listener,
      CancellationToken token) {
    request.validate();
    validateForModel(model, request);
    Sampler sampler = SamplerFactory.create(request.sampler(), model.scheduler());
    SamplingPlan plan = sampler.plan(request.steps(), request.effectiveStrength());
    long started = System.nanoTime();
    monitor.resetPeak();
    DeviceMemory deviceMemory = new DeviceMemory(model);
    try (NDManager run = NDManager.newBaseManager(model.device())) {
      token.throwIfCancelled();
      listener.onStage(Stage.TOKENIZING);
      long stage = System.nanoTime();
      PromptEncoder encoder =
          new PromptEncoder(new PromptChunker(model.tokenizer()), model.textEncoder());
      List<TokenizedPrompt> prompts = encoder.tokenize(request.prompt(), request.negativePrompt());
      double tokenize = seconds(stage);

      token.throwIfCancelled();
      listener.onStage(Stage.ENCODING);
      stage = System.nanoTime();
      int batch = request.batch();
      boolean guided = GuidedPredictor.needsUnconditional(request.cfg());
      NDArray positive = encoder.encode(run, prompts.get(0), request.clipSkip());
      NDArray context = positive.repeat(0, batch);
      if (guided) {
        NDArray negative = encoder.encode(run, prompts.get(1), request.clipSkip());
        context = negative.repeat(0, batch).concat(context, 0);
      }
      ImageInputs inputs = ImageInputs.prepare(model, request, run);
      double encode = seconds(stage);

      token.throwIfCancelled();
      listener.onStage(Stage.SAMPLING);
      int latentChannels = model.unet().config().outChannels();
      int scale = model.vae().config().downscale();
      Shape latentShape =
          new Shape(batch, latentChannels, request.height() / scale, request.width() / scale);
      PerImageNoise noise = PerImageNoise.consecutiveSeeds(request.rng(), request.seed(), batch);
      NDArray initialNoise = noise.next(run, latentShape);
      NDArray start =
          inputs.latent() == null
              ? initialNoise.mul(plan.txt2imgNoiseScale())
              : inputs.latent().add(initialNoise.mul(plan.startSigma()));
      Denoiser denoiser =
          new ModelDenoiser(
              sampler.schedule(),
              model.scheduler().predictionType(),
              new GuidedPredictor(
                  model.unet(), model.dataType(), request.cfg(), context, inputs.conditioning()));
      if (inputs.blendsLatents()) {
        denoiser = new MaskedDenoiser(denoiser, inputs.repaint(), inputs.kept());
      }
      LatentPreview preview = request.previews() ? preview(model, run) : null;
      List<Double> stepSeconds = new ArrayList<>();
      long[] stepStart = {System.nanoTime()};
      NDArray latents =
          sampler.sample(
              denoiser,
              start,
              plan,
              noise,
              (index, total, sigma, x, denoised) -> {
                double duration = seconds(stepStart[0]);
                stepSeconds.add(duration);
                deviceMemory.sample();
                listener.onStep(
                    new StepProgress(
                        index,
                        total,
                        sigma,
                        duration,
                        preview == null ? null : preview.render(denoised)));
                token.throwIfCancelled();
                stepStart[0] = System.nanoTime();
              });
      if (inputs.blendsLatents()) {
        latents = latents.mul(inputs.repaint()).add(inputs.kept());
      }

      listener.onStage(Stage.DECODING);
      stage = System.nanoTime();
      List<GeneratedImage> images = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        images.add(new GeneratedImage(i, request.seed() + i, decode(model, latents, i)));
      }
      deviceMemory.sample();
      double decode = seconds(stage);
      StageTimings timings =
          new StageTimings(
              loadSeconds, tokenize, encode, stepSeconds, decode, loadSeconds + seconds(started));
      return new GenerationResult(
          images,
          model.info(),
          request,
          SamplerFactory.canonical(request.sampler()),
          engineVersion,
          model.device().isGpu() ? "gpu" : "cpu",
          model.dataType() == DataType.FLOAT16 ? "fp16" : "fp32",
          timings,
          monitor.peakRssBytes(),
          deviceMemory.peak(),
          model.warnings());
    }
  }

  private static void validateForModel(LoadedModel model, GenerationRequest request) {
    List<FieldError> errors = new ArrayList<>();
    int scale = model.vae().config().downscale();
    for (String field : List.of("width", "height")) {
      int value = field.equals("width") ? request.width() : request.height();
      if (value % scale != 0) {
        errors.add(
            new FieldError(
                field, String.valueOf(value), "a multiple of " + scale + " for this model's VAE"));
      }
    }
    int layers = model.textEncoder().config().layers();
    if (request.clipSkip() > layers) {
      errors.add(
          new FieldError(
              "clipSkip",
              String.valueOf(request.clipSkip()),
              "1 to " + layers + " for this model"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  private LatentPreview preview(LoadedModel model, NDManager run) {
    return previews.computeIfAbsent(
        model.info().contentHash() + "@" + model.device(),
        key -> LatentPreview.fit(model.vae(), run, model.dataType()));
  }

  private static RgbImage decode(LoadedModel model, NDArray latents, int index) {
    NDArray latent = latents.get(index).expandDims(0);
    NDArray image =
        Scoped.run(
            latent,
            () ->
                model
                    .vae()
                    .decode(latent.toType(model.dataType(), false))
                    .toType(DataType.FLOAT32, false),
            latent);
    Shape shape = image.getShape();
    return RgbImage.fromNormalizedChw(image.toFloatArray(), (int) shape.get(3), (int) shape.get(2));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** Peak device memory in use, sampled after every step; 0 on the CPU. */
  private static final class DeviceMemory {
    private final LoadedModel model;
    private long peak;

    DeviceMemory(LoadedModel model) {
      this.model = model;
    }

    void sample() {
      if (model.device().isGpu()) {
        peak = Math.max(peak, CudaUtils.getGpuMemory(model.device()).getUsed());
      }
    }

    long peak() {
      return peak;
    }
  }

  /** The init image and mask of img2img and inpainting, as latents. */
  private record ImageInputs(
      NDArray latent, NDArray conditioning, NDArray repaint, NDArray kept, boolean blendsLatents) {

    static ImageInputs prepare(LoadedModel model, GenerationRequest request, NDManager run) {
      boolean inpaintingModel = model.info().inpainting();
      RgbImage init = request.initImage();
      Mask mask = request.mask();
      if (init == null && !inpaintingModel) {
        return new ImageInputs(null, null, null, null, false);
      }
      int width = request.width();
      int height = request.height();
      int scale = model.vae().config().downscale();
      int batch = request.batch();
      NDArray latent = null;
      if (init != null) {
        RgbImage sized =
            init.width() == width && init.height() == height
                ? init
                : init.resize(width, height, ResizeFilter.LANCZOS);
        latent = encode(model, run, sized.toNormalizedChw(), width, height).repeat(0, batch);
      }
      NDArray repaint = null;
      NDArray kept = null;
      if (mask != null) {
        Mask latentMask =
            mask.resize(width / scale, height / scale, ResizeFilter.BILINEAR).binarize();
        repaint =
            run.create(latentMask.toUnitFloats(), new Shape(1, 1, height / scale, width / scale));
        kept = latent.mul(repaint.neg().add(1));
      }
      if (!inpaintingModel) {
        return new ImageInputs(latent, null, repaint, kept, mask != null);
      }
      // inpainting UNets see the mask and the image with the masked part blanked out (mid grey);
      // without a mask everything is repainted, as AUTOMATIC1111 conditions them for txt2img
      float[] pixels =
          init != null ? blanked(init, mask, width, height) : new float[3 * width * height];
      NDArray maskedLatent = encode(model, run, pixels, width, height).repeat(0, batch);
      NDArray maskChannel =
          repaint != null
              ? repaint.repeat(0, batch)
              : run.ones(new Shape(batch, 1, height / scale, width / scale));
      NDArray conditioning = maskChannel.concat(maskedLatent, 1);
      return new ImageInputs(latent, conditioning, repaint, kept, false);
    }

    private static float[] blanked(RgbImage init, Mask mask, int width, int height) {
      RgbImage sized =
          init.width() == width && init.height() == height
              ? init
              : init.resize(width, height, ResizeFilter.LANCZOS);
      float[] pixels = sized.toNormalizedChw();
      if (mask == null) {
        return new float[pixels.length];
      }
      float[] repaint = mask.resize(width, height, ResizeFilter.BILINEAR).binarize().toUnitFloats();
      int plane = width * height;
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < plane; p++) {
          if (repaint[p] >= 0.5f) {
            pixels[c * plane + p] = 0;
          }
        }
      }
      return pixels;
    }

    private static NDArray encode(
        LoadedModel model, NDManager run, float[] chw, int width, int height) {
      NDArray image = run.create(chw, new Shape(1, 3, height, width));
      return Scoped.run(
          image,
          () ->
              model
                  .vae()
                  .encode(image.toType(model.dataType(), false))
                  .toType(DataType.FLOAT32, false),
          image);
    }
  }
}
