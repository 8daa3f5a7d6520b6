package com.diffusionlab.engine.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.diffusionlab.engine.CancellationToken;
import com.diffusionlab.engine.GenerationCancelledException;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.loading.DiffusersFolderWriter;
import com.diffusionlab.engine.loading.ModelArchitecture;
import com.diffusionlab.engine.nn.Kernels;
import com.diffusionlab.engine.nn.ParameterSource;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.nn.RandomParameters;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import com.diffusionlab.engine.sampling.BetaPrecision;
import com.diffusionlab.engine.sampling.DiscreteSchedule;
import com.diffusionlab.engine.shapes.GrammarVocabulary;
import com.diffusionlab.engine.shapes.ShapeDataset;
import com.diffusionlab.engine.shapes.ShapeSample;
import com.diffusionlab.engine.text.ClipTokenizer;
import com.diffusionlab.engine.text.PromptChunker;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.vae.AutoencoderKL;
import com.diffusionlab.engine.vae.VaeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * Trains the tiny-shapes model on the CPU with DJL: first the autoencoder (reconstruction plus a
 * small KL term), then UNet and text encoder together on ε-prediction with min-SNR weighting and
 * 10% caption dropout, so classifier-free guidance works. Every step's data and noise follow from
 * the seed and the step number, checkpoints hold parameters, optimizer moments and EMA weights, so
 * an interrupted run resumes to the same result. The output is an ordinary diffusers folder.
 */
public final class TinyShapesTrainer {

  static final String VAE = "vae";
  static final String DIFFUSION = "diffusion";
  static final String DONE = "done";

  static final double VAE_RATE = 1e-3;

  /** After 300 steps on the same data, 1e-3 had a quarter lower loss than 4e-4 (clipped at 1). */
  static final double DIFFUSION_RATE = 1e-3;

  private static final long WARMUP = 100;
  private static final double COOLDOWN_SHARE = 0.3;
  private static final double COOLDOWN_FLOOR = 0.1;

  /** Small, as Stable Diffusion's autoencoder: a strong pull to the prior blurs small shapes. */
  private static final float KL_WEIGHT = 1e-6f;

  private static final float INITIAL_LOG_VARIANCE = -8f;

  private static final double CAPTION_DROPOUT = 0.1;

  /**
   * Per-image, per-channel noise offsets ("offset noise"). Stable Diffusion's schedule keeps √ᾱ =
   * 0.068 of the image at its last step, and the mean of a 16×16 latent is then as plain as the
   * noise's own mean (std 1/16): the first UNet learned to read the background from there and, at
   * sampling time, where that mean is random, ignored the caption's background colour. An offset of
   * 0.2 makes the noise's mean three times the leaked one.
   */
  static final float NOISE_OFFSET = 0.2f;

  private static final double SNR_GAMMA = 5;
  private static final double EMA_DECAY = 0.999;
  private static final double MAX_GRADIENT_NORM = 1.0;
  private static final long DIFFUSION_DATA_OFFSET = 1L << 40;
  private static final int SCALE_SAMPLES = 256;
  private static final int IMAGE = 64;
  private static final float FOREGROUND_WEIGHT = 10f;

  private final TrainingOptions options;
  private final TrainingListener listener;
  private final CancellationToken token;
  private final ModelArchitecture architecture;
  private final GrammarVocabulary vocabulary = new GrammarVocabulary();
  private final ShapeDataset dataset;
  private final Checkpoint checkpoint;

  public TinyShapesTrainer(
      TrainingOptions options, TrainingListener listener, CancellationToken token) {
    this.options = options;
    this.listener = listener;
    this.token = token;
    this.architecture =
        options.micro()
            ? TinyShapesArchitecture.micro(vocabulary.size(), vocabulary.contextLength())
            : TinyShapesArchitecture.standard(vocabulary.size(), vocabulary.contextLength());
    this.dataset = new ShapeDataset(options.seed());
    this.checkpoint = new Checkpoint(options.checkpoints());
  }

  /** The configuration being trained (the latent scale is fitted during training). */
  public ModelArchitecture architecture() {
    return architecture;
  }

  /**
   * Trains (or resumes) and writes the model.
   *
   * @return the trained architecture, with the fitted latent scale, and what each stage did
   * @throws GenerationCancelledException after saving a checkpoint, when cancelled
   */
  public TrainedModel train() throws IOException {
    // loads the natives; gradient recording is per thread in libtorch and updates run without it
    Engine.getEngine("PyTorch");
    JniUtils.setGradMode(false);
    Checkpoint.State state =
        checkpoint.exists()
            ? resumed(checkpoint.state())
            : Checkpoint.State.autoencoder(0, 0, Double.NaN, options.seed());
    if (state.stage().equals(VAE)) {
      state = trainVae(state);
    }
    if (state.stage().equals(DIFFUSION)) {
      state = trainDiffusion(state);
    }
    return new TrainedModel(
        new ModelArchitecture(
            architecture.textEncoder(),
            architecture.unet(),
            architecture.vae().withScalingFactor(state.latentScale()),
            architecture.scheduler()),
        state.figures());
  }

  /** A finished run: the architecture with its fitted latent scale, and the card's figures. */
  public record TrainedModel(ModelArchitecture architecture, ModelCard.Figures figures) {}

  private Checkpoint.State resumed(Checkpoint.State state) {
    if (state.seed() != options.seed()) {
      throw new IllegalArgumentException(
          "checkpoint in "
              + options.checkpoints()
              + " was made with seed "
              + state.seed()
              + ", not "
              + options.seed()
              + ": use its seed or another --checkpoints folder");
    }
    listener.onMessage("resuming " + state.stage() + " at step " + state.step());
    return state;
  }

  private double budgetSeconds(String stage) {
    double total = options.minutes() * 60;
    return stage.equals(VAE) ? total * options.vaeShare() : total * (1 - options.vaeShare());
  }

  // ---------------------------------------------------------------- autoencoder

  private Checkpoint.State trainVae(Checkpoint.State start) throws IOException {
    listener.onMessage("training the autoencoder " + architecture.vae().blockOutChannels());
    boolean resuming = start.step() > 0;
    try (NDManager root = NDManager.newBaseManager(Device.cpu());
        Kernels kernels = new TorchScriptKernels(Device.cpu());
        AdamW adam = new AdamW(root, 0)) {
      TrainableParameters parameters =
          new TrainableParameters(
              resuming
                  ? checkpoint.parameters("vae", root)
                  : lowVarianceStart(
                      new RandomParameters(root, DataType.FLOAT32, options.seed()),
                      architecture.vae().latentChannels()));
      adam.track(parameters.arrays());
      VaeConfig config = architecture.vae();
      AutoencoderKL vae = new AutoencoderKL(config, Params.root(parameters, kernels));
      if (resuming) {
        adam.restore(checkpoint.floats("vae-adam"), start.step());
      }
      Loop loop =
          new Loop(VAE, start.step(), start.vaeSeconds(), start.vaeLoss(), options.maxVaeSteps());
      while (loop.running()) {
        long step = loop.step();
        double loss;
        try (NDManager scope = root.newSubManager();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          List<ShapeSample> samples = samples(step * options.vaeBatch(), options.vaeBatch());
          NDArray images = pixels(scope, samples);
          NDArray weights = foregroundWeights(scope, samples);
          NDArray moments = vae.moments(images);
          long channels = config.latentChannels();
          NDArray mean = moments.get(":, :{}", channels);
          NDArray logVariance = moments.get(":, {}:", channels).clip(-30, 20);
          StepRandom random = new StepRandom(options.seed(), 0, step);
          NDArray epsilon =
              scope.create(random.normal(mean.getShape().getShape()), mean.getShape());
          NDArray latent = mean.add(logVariance.mul(0.5).exp().mul(epsilon));
          NDArray reconstruction = vae.decode(latent);
          NDArray error = reconstruction.sub(images);
          NDArray kl = mean.square().add(logVariance.exp()).sub(1).sub(logVariance).mul(0.5).mean();
          NDArray total =
              error.abs().add(error.square()).mul(weights).mean().add(kl.mul(KL_WEIGHT));
          collector.backward(total);
          loss = total.getFloat();
        }
        step(adam, rate(VAE_RATE, step) * loop.cooldown(), step);
        loop.finish(loss);
        if (loop.checkpointDue()) {
          saveVae(parameters, adam, loop);
        }
      }
      if (token.isCancelled()) {
        saveVae(parameters, adam, loop);
        loop.stopIfCancelled();
      }
      float scale = latentScale(vae, root);
      listener.onMessage(
          String.format("autoencoder done after %d steps; latent scale %.5f", loop.step(), scale));
      Checkpoint.State next =
          Checkpoint.State.diffusionStart(
              loop.step(), loop.seconds(), loop.lastLoss(), scale, options.seed());
      checkpoint.save(next, Map.of("vae", parameters.arrays()));
      return next;
    }
  }

  /**
   * Starts the posterior's log-variance at {@value #INITIAL_LOG_VARIANCE} instead of 0. With unit
   * variance the sampled latents are mostly noise at first, the decoder learns to blur, and Adam
   * moves the bias only about the learning rate per step: the first run's autoencoder was still
   * drawing coloured blobs after 500 steps.
   */
  private static ParameterSource lowVarianceStart(ParameterSource random, long latentChannels) {
    return (name, shape) -> {
      NDArray values = random.get(name, shape);
      if (!name.equals("quant_conv.bias")) {
        return values;
      }
      NDArray mean = values.get(":{}", latentChannels);
      NDArray logVariance = values.get("{}:", latentChannels).zerosLike().add(INITIAL_LOG_VARIANCE);
      return mean.concat(logVariance);
    };
  }

  private void saveVae(TrainableParameters parameters, AdamW adam, Loop loop) throws IOException {
    checkpoint.save(
        Checkpoint.State.autoencoder(loop.step(), loop.seconds(), loop.lastLoss(), options.seed()),
        Map.of("vae", parameters.arrays(), "vae-adam", adam.state()));
    listener.onMessage("checkpoint: autoencoder step " + loop.step());
  }

  /** 1/std of the latent means, so that latents reach the UNet with unit variance (SD: 0.18215). */
  private float latentScale(AutoencoderKL vae, NDManager root) {
    try (NDManager scope = root.newSubManager()) {
      NDArray images = pixels(scope, samples(1L << 50, SCALE_SAMPLES));
      NDArray mean = vae.moments(images).get(":, :{}", architecture.vae().latentChannels());
      double std = Math.sqrt(mean.sub(mean.mean()).square().mean().getFloat());
      return (float) (1 / std);
    }
  }

  // ---------------------------------------------------------------- diffusion

  private Checkpoint.State trainDiffusion(Checkpoint.State start) throws IOException {
    VaeConfig vaeConfig = architecture.vae().withScalingFactor(start.latentScale());
    ModelArchitecture trained =
        new ModelArchitecture(
            architecture.textEncoder(), architecture.unet(), vaeConfig, architecture.scheduler());
    listener.onMessage("training UNet " + trained.unet().blockOutChannels() + " and text encoder");
    Path tokenizerDir = Files.createDirectories(options.checkpoints().resolve("tokenizer"));
    vocabulary.writeTo(tokenizerDir);
    PromptChunker chunker = new PromptChunker(ClipTokenizer.fromHuggingFaceFolder(tokenizerDir));
    DiscreteSchedule schedule = DiscreteSchedule.of(trained.scheduler(), BetaPrecision.FLOAT32);
    try (NDManager root = NDManager.newBaseManager(Device.cpu());
        Kernels kernels = new TorchScriptKernels(Device.cpu());
        AdamW adam = new AdamW(root, 0.01)) {
      AutoencoderKL vae =
          new AutoencoderKL(vaeConfig, Params.root(checkpoint.parameters("vae", root), kernels));
      boolean resuming = start.step() > 0;
      TrainableParameters textParameters =
          new TrainableParameters(
              resuming
                  ? checkpoint.parameters("text_encoder", root)
                  : new RandomParameters(root, DataType.FLOAT32, options.seed() + 1));
      TrainableParameters unetParameters =
          new TrainableParameters(
              resuming
                  ? checkpoint.parameters("unet", root)
                  : new RandomParameters(root, DataType.FLOAT32, options.seed() + 2));
      ClipTextModel text =
          new ClipTextModel(trained.textEncoder(), Params.root(textParameters, kernels));
      UNet2DConditionModel unet =
          new UNet2DConditionModel(trained.unet(), Params.root(unetParameters, kernels));
      SequencedMap<String, NDArray> all =
          new LinkedHashMap<>(Checkpoint.prefixed("text_encoder.", textParameters.arrays()));
      all.putAll(Checkpoint.prefixed("unet.", unetParameters.arrays()));
      adam.track(all);
      ExponentialAverage ema = new ExponentialAverage(all, root, EMA_DECAY);
      if (resuming) {
        adam.restore(checkpoint.floats("diffusion-adam"), start.step());
        ema.restore(checkpoint.floats("diffusion-ema"));
      }
      Loop loop =
          new Loop(
              DIFFUSION,
              start.step(),
              start.diffusionSeconds(),
              start.diffusionLoss(),
              options.maxDiffusionSteps());
      int batch = options.diffusionBatch();
      while (loop.running()) {
        long step = loop.step();
        double loss;
        StepRandom random = new StepRandom(options.seed(), 1, step);
        try (NDManager scope = root.newSubManager()) {
          long first = DIFFUSION_DATA_OFFSET + step * batch;
          ShapeSample[] samples = new ShapeSample[batch];
          float[] pixels = new float[batch * 3 * 64 * 64];
          long[] ids = new long[batch * chunker.emptyChunk().length()];
          int context = chunker.emptyChunk().length();
          float[] signal = new float[batch];
          float[] noiseLevel = new float[batch];
          float[] weights = new float[batch];
          float[] timesteps = new float[batch];
          for (int i = 0; i < batch; i++) {
            samples[i] = dataset.sample(first + i);
            System.arraycopy(
                samples[i].image().toNormalizedChw(), 0, pixels, i * 3 * 64 * 64, 3 * 64 * 64);
            String caption = random.nextDouble() < CAPTION_DROPOUT ? "" : samples[i].caption();
            int[] tokens = chunker.chunk(caption).chunks().get(0).ids();
            for (int k = 0; k < context; k++) {
              ids[i * context + k] = tokens[k];
            }
            int t = random.nextInt(schedule.size());
            double alphaBar = schedule.alphaCumprod(t);
            signal[i] = (float) Math.sqrt(alphaBar);
            noiseLevel[i] = (float) Math.sqrt(1 - alphaBar);
            double snr = alphaBar / (1 - alphaBar);
            weights[i] = (float) (Math.min(snr, SNR_GAMMA) / snr);
            timesteps[i] = t;
          }
          NDArray latents = vae.encode(scope.create(pixels, new Shape(batch, 3, 64, 64)));
          NDArray noise = offsetNoise(scope, random, latents.getShape());
          Shape perSample = new Shape(batch, 1, 1, 1);
          NDArray noisy =
              latents
                  .mul(scope.create(signal, perSample))
                  .add(noise.mul(scope.create(noiseLevel, perSample)));
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray embeddings = text.encode(scope.create(ids, new Shape(batch, context)), 1);
            NDArray predicted = unet.forward(noisy, scope.create(timesteps), embeddings);
            NDArray perImage = predicted.sub(noise).square().reshape(batch, -1).mean(new int[] {1});
            NDArray total = perImage.mul(scope.create(weights)).mean();
            collector.backward(total);
            loss = total.getFloat();
          }
        }
        if (step(adam, rate(DIFFUSION_RATE, step) * loop.cooldown(), step)) {
          ema.update(step);
        }
        loop.finish(loss);
        if (loop.checkpointDue()) {
          saveDiffusion(textParameters, unetParameters, adam, ema, loop, start);
        }
      }
      saveDiffusion(textParameters, unetParameters, adam, ema, loop, start);
      loop.stopIfCancelled();
      export(trained, ema, checkpoint.floats("vae"), root);
      listener.onMessage(
          "diffusion done after " + loop.step() + " steps; model written to " + options.out());
      return diffusionState(DONE, loop, start);
    }
  }

  private void saveDiffusion(
      TrainableParameters text,
      TrainableParameters unet,
      AdamW adam,
      ExponentialAverage ema,
      Loop loop,
      Checkpoint.State start)
      throws IOException {
    checkpoint.save(
        diffusionState(DIFFUSION, loop, start),
        Map.of(
            "text_encoder", text.arrays(),
            "unet", unet.arrays(),
            "diffusion-adam", adam.state(),
            "diffusion-ema", ema.state()));
    listener.onMessage("checkpoint: diffusion step " + loop.step());
  }

  private Checkpoint.State diffusionState(String stage, Loop loop, Checkpoint.State start) {
    return new Checkpoint.State(
        stage,
        loop.step(),
        start.vaeSteps(),
        start.vaeSeconds(),
        start.vaeLoss(),
        loop.seconds(),
        loop.lastLoss(),
        start.latentScale(),
        options.seed());
  }

  /** Writes the EMA weights of UNet and text encoder with the autoencoder as a diffusers folder. */
  private void export(
      ModelArchitecture trained,
      ExponentialAverage ema,
      Map<String, float[]> vaeWeights,
      NDManager root)
      throws IOException {
    try (NDManager scope = root.newSubManager()) {
      Map<String, SequencedMap<String, NDArray>> weights = new LinkedHashMap<>();
      weights.put("text_encoder", ema.averaged("text_encoder."));
      weights.put("unet", ema.averaged("unet."));
      SequencedMap<String, NDArray> vae = new LinkedHashMap<>();
      trained
          .parameterShapes()
          .get("vae")
          .forEach((name, shape) -> vae.put(name, scope.create(vaeWeights.get(name), shape)));
      weights.put("vae", vae);
      DiffusersFolderWriter.write(
          options.out(),
          trained,
          weights,
          vocabulary::writeTo,
          // sorted: Map.of iterates in a different order in every JVM, and so would the file bytes
          new TreeMap<>(
              Map.of("generator", "dlab train-tiny", "seed", Long.toString(options.seed()))));
    }
  }

  private static NDArray offsetNoise(NDManager manager, StepRandom random, Shape shape) {
    NDArray noise = manager.create(random.normal(shape.getShape()), shape);
    Shape perChannel = new Shape(shape.get(0), shape.get(1), 1, 1);
    NDArray offsets = manager.create(random.normal(perChannel.getShape()), perChannel);
    return noise.add(offsets.mul(NOISE_OFFSET));
  }

  private boolean step(AdamW adam, double rate, long step) {
    boolean applied = adam.step(rate, MAX_GRADIENT_NORM);
    if (!applied) {
      listener.onMessage("step " + step + ": gradients not finite, update skipped");
    }
    return applied;
  }

  private static double rate(double peak, long step) {
    return peak * Math.min(1, (step + 1) / (double) WARMUP);
  }

  private List<ShapeSample> samples(long first, int count) {
    List<ShapeSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(dataset.sample(first + i));
    }
    return samples;
  }

  private static NDArray pixels(NDManager manager, List<ShapeSample> samples) {
    int plane = 3 * IMAGE * IMAGE;
    float[] pixels = new float[samples.size() * plane];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(samples.get(i).image().toNormalizedChw(), 0, pixels, i * plane, plane);
    }
    return manager.create(pixels, new Shape(samples.size(), 3, IMAGE, IMAGE));
  }

  /**
   * Per-pixel loss weights that make the shapes count: they cover a tenth of an image or less, and
   * with a plain average the autoencoder learns the background and smears the objects' colour.
   */
  private static NDArray foregroundWeights(NDManager manager, List<ShapeSample> samples) {
    float[] weights = new float[samples.size() * IMAGE * IMAGE];
    for (int i = 0; i < samples.size(); i++) {
      ShapeSample sample = samples.get(i);
      int background = sample.scene().background().packedRgb();
      int[] packed = sample.image().toPackedRgb();
      for (int p = 0; p < packed.length; p++) {
        weights[i * IMAGE * IMAGE + p] = differs(packed[p], background) ? FOREGROUND_WEIGHT : 1f;
      }
    }
    return manager.create(weights, new Shape(samples.size(), 1, IMAGE, IMAGE));
  }

  private static boolean differs(int rgb, int background) {
    int distance = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      distance += Math.abs((rgb >> shift & 0xff) - (background >> shift & 0xff));
    }
    return distance > 24;
  }

  /** Step counting, the stage's time budget, progress reports and checkpoint timing. */
  private final class Loop {
    private final String stage;
    private final double budget;
    private final long maxSteps;
    private final long started = System.nanoTime();
    private final double secondsBefore;
    private final long firstStep;
    private long step;
    private double lastCheckpoint;
    private double lastLoss;

    Loop(String stage, long step, double secondsBefore, double lossBefore, long maxSteps) {
      this.stage = stage;
      this.lastLoss = lossBefore;
      this.step = step;
      this.firstStep = step;
      this.secondsBefore = secondsBefore;
      this.maxSteps = maxSteps;
      this.budget = budgetSeconds(stage);
      this.lastCheckpoint = secondsBefore;
    }

    boolean running() {
      return !token.isCancelled() && step < maxSteps && seconds() < budget;
    }

    /** After a cancelled loop: the caller has saved a checkpoint; stop the run. */
    void stopIfCancelled() {
      if (token.isCancelled()) {
        listener.onMessage("cancelled at " + stage + " step " + step + "; rerun to resume");
        throw new GenerationCancelledException();
      }
    }

    long step() {
      return step;
    }

    /**
     * A factor that takes the learning rate down to a tenth over the last 30% of the stage's time:
     * the steps are not known in advance, the time is, and a cooling rate lets the last steps
     * settle instead of jittering around the optimum.
     */
    double cooldown() {
      double left = Math.max(0, budget - seconds()) / (budget * COOLDOWN_SHARE);
      return left >= 1 ? 1 : COOLDOWN_FLOOR + (1 - COOLDOWN_FLOOR) * left;
    }

    double seconds() {
      return secondsBefore + (System.nanoTime() - started) / 1e9;
    }

    double lastLoss() {
      return lastLoss;
    }

    void finish(double loss) {
      lastLoss = loss;
      step++;
      double perStep = (seconds() - secondsBefore) / Math.max(1, step - firstStep);
      listener.onStep(stage, step, loss, perStep, Math.max(0, budget - seconds()));
    }

    boolean checkpointDue() {
      if (seconds() - lastCheckpoint >= options.checkpointMinutes() * 60) {
        lastCheckpoint = seconds();
        return true;
      }
      return false;
    }
  }
}
