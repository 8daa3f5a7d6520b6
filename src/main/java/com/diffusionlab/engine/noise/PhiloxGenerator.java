package com.diffusionlab.engine.noise;

/**
 * The {@code philox} noise: {@code torch.randn} on a CUDA device as emulated by AUTOMATIC1111's
 * {@code modules/rng_philox.py}, so that an image generated there from a seed is generated here
 * from the same seed.
 *
 * <p>Element {@code i} of the call number {@code k} (counting from 0) is derived from one
 * Philox4x32-10 block with key = (low, high) 32 bits of the seed and counter = ({@code k}, 0,
 * {@code i}, 0): the first two output words go through the first half of a Box-Muller transform.
 * The arithmetic follows the reference's NumPy promotion: the two scale constants are float32, the
 * transform itself is computed in float64 and the result rounded to float32. {@link StrictMath}
 * keeps the result identical on every JVM.
 *
 * <p>The reference's own documented output (seed 0, shape 3×4) was taken on a GPU; this class, like
 * the reference run on a CPU, matches it within 3e-7.
 *
 * <p>Not thread-safe: one instance belongs to one image of one job.
 */
public final class PhiloxGenerator implements NoiseGenerator {
  private static final int MULTIPLIER_0 = 0xD2511F53;
  private static final int MULTIPLIER_1 = 0xCD9E8D57;
  private static final int KEY_BUMP_0 = 0x9E3779B9;
  private static final int KEY_BUMP_1 = 0xBB67AE85;
  private static final int ROUNDS = 10;

  // float32 constants of the reference, widened exactly: 2^-32 and 2π·2^-32 as float32 rounds them
  private static final float SCALE_U = 2.3283064e-10f;
  private static final float SCALE_V = (float) (2.3283064e-10 * 6.2831855);

  private final int key0;
  private final int key1;
  private int offset;

  /** A generator at offset 0 for {@code seed}; all 64 bits of the seed form the key. */
  public PhiloxGenerator(long seed) {
    this.key0 = (int) seed;
    this.key1 = (int) (seed >>> 32);
  }

  @Override
  public float[] randn(long... shape) {
    int count = Shapes.elementCount(shape);
    float[] out = new float[count];
    int[] block = new int[4];
    for (int i = 0; i < count; i++) {
      philox(offset, i, block);
      out[i] = boxMullerFirst(block[0], block[1]);
    }
    offset++;
    return out;
  }

  /** How many {@link #randn} calls this generator has answered: the counter's first word. */
  public int offset() {
    return offset;
  }

  private void philox(int counter0, int counter2, int[] out) {
    int c0 = counter0;
    int c1 = 0;
    int c2 = counter2;
    int c3 = 0;
    int k0 = key0;
    int k1 = key1;
    for (int round = 0; round < ROUNDS; round++) {
      long product0 = Integer.toUnsignedLong(c0) * Integer.toUnsignedLong(MULTIPLIER_0);
      long product1 = Integer.toUnsignedLong(c2) * Integer.toUnsignedLong(MULTIPLIER_1);
      c0 = (int) (product1 >>> 32) ^ c1 ^ k0;
      c1 = (int) product1;
      c2 = (int) (product0 >>> 32) ^ c3 ^ k1;
      c3 = (int) product0;
      k0 += KEY_BUMP_0;
      k1 += KEY_BUMP_1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }

  private static float boxMullerFirst(int x, int y) {
    // (x + 1/2) / 2^32 lies in (0, 1): the logarithm is finite
    double u = Integer.toUnsignedLong(x) * (double) SCALE_U + (double) (SCALE_U / 2);
    double v = Integer.toUnsignedLong(y) * (double) SCALE_V + (double) (SCALE_V / 2);
    return (float) (StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.sin(v));
  }
}
