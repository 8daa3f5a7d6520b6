package com.diffusionlab.engine.noise;

/**
 * The {@code torch-cpu} noise: {@code torch.randn} on the CPU after {@code torch.manual_seed(seed)}
 * (ComfyUI's noise, AUTOMATIC1111's "CPU" source), reproduced bit for bit from libtorch's own
 * algorithm so that no global torch state is involved.
 *
 * <p>The state is an MT19937 engine seeded with the low 32 bits of the seed, plus the one cached
 * normal sample torch's scalar path keeps; consecutive calls continue it exactly as consecutive
 * {@code torch.randn} calls on one generator do:
 *
 * <ul>
 *   <li>16 or more elements: one uniform float per element from 24 random bits, then Box-Muller on
 *       blocks of 16 (pairs {@code j}, {@code j + 8}); when the count is not a multiple of 16 the
 *       last 16 uniforms are drawn again and transformed once more. This is libtorch's AVX2 kernel,
 *       which x86-64 CPUs with AVX2 run (AVX-512 CPUs too); a CPU without AVX2 makes torch use a
 *       libm-based variant whose last bits may differ.
 *   <li>fewer than 16 elements: torch's scalar {@code normal_distribution<double>}, two uniform
 *       doubles from 53 random bits each per pair of samples, the second sample kept for the next
 *       element or the next call.
 * </ul>
 *
 * <p>Not thread-safe: one instance belongs to one image of one job.
 */
public final class TorchCpuGenerator implements NoiseGenerator {
  private static final int BLOCK = 16;
  private static final int HALF_BLOCK = BLOCK / 2;
  private static final float TWO_PI = (float) (2 * Math.PI);
  private static final long MANTISSA_53_MASK = (1L << 53) - 1;

  private final Mt19937 engine;
  private boolean hasCachedNormal;
  private double cachedNormal;

  /** A generator in the state {@code torch.manual_seed(seed)} leaves the CPU generator in. */
  public TorchCpuGenerator(long seed) {
    this.engine = new Mt19937(seed);
  }

  @Override
  public float[] randn(long... shape) {
    int count = Shapes.elementCount(shape);
    return count >= BLOCK ? blockNormals(count) : scalarNormals(count);
  }

  private float[] blockNormals(int count) {
    float[] data = new float[count];
    for (int i = 0; i < count; i++) {
      data[i] = uniformFloat();
    }
    for (int start = 0; start + BLOCK <= count; start += BLOCK) {
      boxMuller16(data, start);
    }
    if (count % BLOCK != 0) {
      int start = count - BLOCK;
      for (int i = start; i < count; i++) {
        data[i] = uniformFloat();
      }
      boxMuller16(data, start);
    }
    return data;
  }

  private static void boxMuller16(float[] data, int start) {
    for (int j = start; j < start + HALF_BLOCK; j++) {
      float radius = (float) Math.sqrt(-2f * TorchAvx2Math.log(1f - data[j]));
      TorchAvx2Math.SinCos angle = TorchAvx2Math.sinCos(TWO_PI * data[j + HALF_BLOCK]);
      // torch finishes with fma(n, std = 1, mean = 0), which turns -0 into +0
      data[j] = radius * angle.cos() + 0f;
      data[j + HALF_BLOCK] = radius * angle.sin() + 0f;
    }
  }

  private float[] scalarNormals(int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) nextScalarNormal();
    }
    return out;
  }

  private double nextScalarNormal() {
    if (hasCachedNormal) {
      hasCachedNormal = false;
      return cachedNormal;
    }
    double u1 = uniformDouble();
    double u2 = uniformDouble();
    double radius = StrictMath.sqrt(-2.0 * StrictMath.log1p(-u2));
    double theta = 2.0 * Math.PI * u1;
    cachedNormal = radius * StrictMath.sin(theta);
    hasCachedNormal = true;
    return radius * StrictMath.cos(theta);
  }

  private float uniformFloat() {
    return (engine.next() & 0xFFFFFF) * 0x1p-24f;
  }

  private double uniformDouble() {
    long high = Integer.toUnsignedLong(engine.next());
    long low = Integer.toUnsignedLong(engine.next());
    return (((high << 32) | low) & MANTISSA_53_MASK) * 0x1p-53;
  }
}
