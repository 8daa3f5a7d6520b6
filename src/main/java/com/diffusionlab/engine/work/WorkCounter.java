package com.diffusionlab.engine.work;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.GenerationShape;
import com.diffusionlab.engine.GenerationWork;
import com.diffusionlab.engine.GenerationWork.Cost;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.loading.ModelArchitecture;
import com.diffusionlab.engine.nn.CountingKernels;
import com.diffusionlab.engine.nn.DryKernels;
import com.diffusionlab.engine.nn.ParameterSource;
import com.diffusionlab.engine.nn.Params;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.vae.AutoencoderKL;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Counts a model's work from its architecture alone. Each network is built with zero weights that
 * take no memory (one zero broadcast to every parameter's shape) and run over {@link DryKernels}
 * under {@link CountingKernels}: the heavy kernels compute nothing, so a pass costs only its cheap
 * element-wise operations, and the count is what a real pass of the same shape does. Three passes
 * per network, at P, 4P and 16P latent pixels, fix its cost at any size ({@link ScaledCost}).
 */
public final class WorkCounter {

  private static final int LATENT_CHANNELS_OF_INPAINTING = 9;

  private final ModelArchitecture architecture;
  private final ScaledCost unet;
  private final ScaledCost text;
  private final ScaledCost decoder;
  private final ScaledCost encoder;
  private final long parameters;

  /**
   * Counts the networks of {@code architecture}: about a second for SD 1.5 on a 2-core CPU, with a
   * few hundred megabytes of activations while it runs.
   */
  public WorkCounter(ModelArchitecture architecture) {
    this.architecture = architecture;
    this.parameters =
        architecture.parameterShapes().values().stream()
            .flatMap(shapes -> shapes.values().stream())
            .mapToLong(Shape::size)
            .sum();
    int side = probeSide(architecture);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        CountingKernels counting = new CountingKernels(new DryKernels())) {
      NDArray zero = manager.zeros(new Shape(1));
      ParameterSource weights = (name, shape) -> zero.broadcast(shape);
      this.unet = countUnet(manager, Params.root(weights, counting), counting, side);
      this.text = countText(manager, Params.root(weights, counting), counting);

      AutoencoderKL vae = new AutoencoderKL(architecture.vae(), Params.root(weights, counting));
      int latentChannels = architecture.vae().latentChannels();
      this.decoder =
          fit(
              manager,
              counting,
              side,
              (scope, s) -> vae.decode(scope.zeros(new Shape(1, latentChannels, s, s))));
      int scale = architecture.vae().downscale();
      this.encoder =
          fit(
              manager,
              counting,
              side,
              (scope, s) ->
                  vae.encode(
                      scope.zeros(
                          new Shape(1, architecture.vae().inChannels(), s * scale, s * scale))));
    }
  }

  /**
   * The work of a generation of {@code shape}.
   *
   * @param bytesPerWeight 4 in fp32, 2 in fp16
   */
  public GenerationWork work(GenerationShape shape, int bytesPerWeight) {
    int scale = architecture.vae().downscale();
    double pixels = (double) (shape.width() / scale) * (shape.height() / scale);
    int passes = shape.batch() * (shape.guided() ? 2 : 1);
    int evaluations =
        SamplerFactory.create(shape.sampler(), architecture.scheduler())
            .plan(shape.steps(), shape.strength())
            .evaluations();
    Cost encoding = text.at(0, 1).times(shape.guided() ? 2 : 1);
    int encodes =
        (shape.imageInput() ? 1 : 0)
            + (architecture.unet().inChannels() == LATENT_CHANNELS_OF_INPAINTING ? 1 : 0);
    encoding = encoding.plus(encoder.at(pixels, 1).times(encodes));
    // the decoder runs image by image
    Cost decoding = decoder.at(pixels, 1).times(shape.batch());
    long activations =
        Math.max(unet.resultBytes(pixels, passes), decoder.resultBytes(pixels, 1))
            * bytesPerWeight
            / Float.BYTES;
    return new GenerationWork(
        evaluations,
        unet.at(pixels, passes),
        encoding,
        decoding,
        parameters * bytesPerWeight,
        activations);
  }

  private ScaledCost countUnet(
      NDManager manager, Params params, CountingKernels counting, int side) {
    UNet2DConditionModel network = new UNet2DConditionModel(architecture.unet(), params);
    int tokens = architecture.textEncoder().maxPositions();
    return fit(
        manager,
        counting,
        side,
        (scope, s) ->
            network.forward(
                scope.zeros(new Shape(1, architecture.unet().inChannels(), s, s)),
                scope.create(new float[] {500f}),
                scope.zeros(new Shape(1, tokens, architecture.unet().crossAttentionDim()))));
  }

  private ScaledCost countText(NDManager manager, Params params, CountingKernels counting) {
    ClipTextModel network = new ClipTextModel(architecture.textEncoder(), params);
    int tokens = architecture.textEncoder().maxPositions();
    return ScaledCost.constant(
        probe(
            manager,
            counting,
            0,
            scope -> network.encode(scope.zeros(new Shape(1, tokens), DataType.INT64), 1)));
  }

  private static ScaledCost fit(
      NDManager manager,
      CountingKernels counting,
      int side,
      BiFunction<NDManager, Integer, NDArray> pass) {
    List<ScaledCost.Probe> probes = new ArrayList<>();
    for (int s = side; s <= 4 * side; s *= 2) {
      int probeSide = s;
      probes.add(probe(manager, counting, (double) s * s, scope -> pass.apply(scope, probeSide)));
    }
    return ScaledCost.fit(probes);
  }

  /** One counted pass; its arrays live in a scope of their own, closed after it. */
  private static ScaledCost.Probe probe(
      NDManager manager,
      CountingKernels counting,
      double pixels,
      Function<NDManager, NDArray> pass) {
    counting.reset();
    try (NDManager scope = manager.newSubManager()) {
      pass.apply(scope);
    }
    return new ScaledCost.Probe(
        pixels, counting.flops(), counting.calls(), counting.largestResultBytes());
  }

  /**
   * The smallest probe's latent side: what the UNet's downsampling divides, so that every level's
   * size is exact at each probe.
   */
  private static int probeSide(ModelArchitecture architecture) {
    return 1 << (architecture.unet().blockOutChannels().size() - 1);
  }
}
