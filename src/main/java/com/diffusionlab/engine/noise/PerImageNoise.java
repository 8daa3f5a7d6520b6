package com.diffusionlab.engine.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Batch noise from one {@link NoiseGenerator} per image: image {@code i} of every draw comes from
 * generator {@code i} alone, so a batch image equals the same seed run on its own. The numbers are
 * drawn in Java on the CPU and then copied to the manager's device as float32.
 */
public final class PerImageNoise implements NoiseSource {
  private final List<NoiseGenerator> generators;

  /** One generator per batch image, in batch order. */
  public PerImageNoise(List<? extends NoiseGenerator> generators) {
    if (generators == null || generators.isEmpty()) {
      throw new IllegalArgumentException("generators must hold one generator per image, got none");
    }
    this.generators = List.copyOf(generators);
  }

  /** Images seeded {@code firstSeed, firstSeed + 1, …}, AUTOMATIC1111's batch convention. */
  public static PerImageNoise consecutiveSeeds(NoiseKind kind, long firstSeed, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    return new PerImageNoise(
        LongStream.range(0, batchSize).mapToObj(i -> kind.create(firstSeed + i)).toList());
  }

  /** The number of images, which the first dimension of every requested shape must equal. */
  public int batchSize() {
    return generators.size();
  }

  /** Draws one (channels, height, width) tensor from each image's generator and stacks them. */
  @Override
  public NDArray next(NDManager manager, Shape shape) {
    if (shape.dimension() != 4 || shape.get(0) != generators.size()) {
      throw new IllegalArgumentException(
          "shape must be (batch = "
              + generators.size()
              + ", channels, height, width), got "
              + shape);
    }
    long[] imageShape = {shape.get(1), shape.get(2), shape.get(3)};
    int perImage = Shapes.elementCount(imageShape);
    float[] batch = new float[Shapes.elementCount(shape.getShape())];
    for (int i = 0; i < generators.size(); i++) {
      System.arraycopy(generators.get(i).randn(imageShape), 0, batch, i * perImage, perImage);
    }
    return manager.create(batch, shape);
  }
}
