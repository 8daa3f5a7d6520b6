package com.diffusionlab.engine.training;

import com.diffusionlab.engine.noise.NoiseGenerator;
import com.diffusionlab.engine.noise.NoiseKind;
import java.util.SplittableRandom;

/**
 * The random draws of one training step, derived from (seed, stage, step) alone: a resumed run
 * draws exactly what an uninterrupted one would have.
 */
final class StepRandom {
  private final SplittableRandom uniform;
  private final NoiseGenerator normal;

  StepRandom(long seed, int stage, long step) {
    long mixed =
        new SplittableRandom(seed * 31 + stage).split().nextLong() ^ (step * 0x9E3779B97F4A7C15L);
    this.uniform = new SplittableRandom(mixed);
    this.normal = NoiseKind.PHILOX.create(mixed & Long.MAX_VALUE);
  }

  int nextInt(int bound) {
    return uniform.nextInt(bound);
  }

  double nextDouble() {
    return uniform.nextDouble();
  }

  float[] normal(long... shape) {
    return normal.randn(shape);
  }
}
