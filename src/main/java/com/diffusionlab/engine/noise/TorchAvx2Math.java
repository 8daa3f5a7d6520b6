package com.diffusionlab.engine.noise;

/**
 * The float32 logarithm, sine and cosine that libtorch's AVX2 {@code normal_fill} kernel uses (the
 * Cephes polynomials of its {@code avx_mathfun.h}), computed lane by lane with the same IEEE
 * operations in the same order so that the results agree to the last bit.
 *
 * <p>The compiler that built libtorch fused each multiply that feeds an addition into one FMA;
 * {@link Math#fma} reproduces that: against libtorch 2.7.1, ten million samples agreed bit for bit
 * (with the argument reduction left unfused, one of them differed). Constants are written as double
 * literals narrowed to float, as C does when it initialises a float array from double literals.
 */
final class TorchAvx2Math {
  private static final float SQRT_HALF = (float) 0.707106781186547524;
  private static final float[] LOG_POLY = {
    (float) 7.0376836292E-2,
    (float) -1.1514610310E-1,
    (float) 1.1676998740E-1,
    (float) -1.2420140846E-1,
    (float) 1.4249322787E-1,
    (float) -1.6668057665E-1,
    (float) 2.0000714765E-1,
    (float) -2.4999993993E-1,
    (float) 3.3333331174E-1
  };
  // ln 2 split in two parts so that exponent * LN2_HIGH is exact
  private static final float LN2_LOW = (float) -2.12194440e-4;
  private static final float LN2_HIGH = (float) 0.693359375;

  private static final float FOUR_OVER_PI = (float) 1.27323954473516;
  // π/4 split in three parts for an extended-precision argument reduction
  private static final float MINUS_PI_4_A = (float) -0.78515625;
  private static final float MINUS_PI_4_B = (float) -2.4187564849853515625e-4;
  private static final float MINUS_PI_4_C = (float) -3.77489497744594108e-8;
  private static final float SIN_P0 = (float) -1.9515295891E-4;
  private static final float SIN_P1 = (float) 8.3321608736E-3;
  private static final float SIN_P2 = (float) -1.6666654611E-1;
  private static final float COS_P0 = (float) 2.443315711809948E-005;
  private static final float COS_P1 = (float) -1.388731625493765E-003;
  private static final float COS_P2 = (float) 4.166664568298827E-002;

  private static final int SIGN_BIT = 0x80000000;
  private static final int EXPONENT_BITS = 0x7F800000;
  private static final int HALF_BITS = Float.floatToRawIntBits(0.5f);

  private TorchAvx2Math() {}

  /** Sine and cosine of one argument. */
  record SinCos(float sin, float cos) {}

  /** Natural logarithm of a positive, finite {@code x}. */
  static float log(float x) {
    int bits = Float.floatToRawIntBits(Math.max(x, Float.MIN_NORMAL));
    // x = m · 2^e with m in [0.5, 1)
    float e = (bits >>> 23) - 0x7F + 1f;
    float m = Float.intBitsToFloat((bits & ~EXPONENT_BITS) | HALF_BITS);
    if (m < SQRT_HALF) {
      e = e - 1f;
      m = (m - 1f) + m;
    } else {
      m = m - 1f;
    }
    float z = m * m;
    float y = LOG_POLY[0];
    for (int k = 1; k < LOG_POLY.length; k++) {
      y = Math.fma(y, m, LOG_POLY[k]);
    }
    y = y * m;
    y = Math.fma(y, z, e * LN2_LOW);
    y = y - z * 0.5f;
    return Math.fma(e, LN2_HIGH, m + y);
  }

  /** Sine and cosine of {@code x}, accurate for {@code |x|} below 8192. */
  static SinCos sinCos(float x) {
    int sinSign = Float.floatToRawIntBits(x) & SIGN_BIT;
    float ax = Math.abs(x);
    // j: the even octant index nearest above |x|·4/π
    int j = ((int) (ax * FOUR_OVER_PI) + 1) & ~1;
    float octant = j;
    float r = Math.fma(octant, MINUS_PI_4_A, ax);
    r = Math.fma(octant, MINUS_PI_4_B, r);
    r = Math.fma(octant, MINUS_PI_4_C, r);
    if ((j & 4) != 0) {
      sinSign ^= SIGN_BIT;
    }
    int cosSign = ((j - 2) & 4) == 0 ? SIGN_BIT : 0;

    float z = r * r;
    float cosPoly = Math.fma(COS_P0, z, COS_P1);
    cosPoly = Math.fma(cosPoly, z, COS_P2);
    cosPoly = cosPoly * z;
    cosPoly = Math.fma(cosPoly, z, -(z * 0.5f));
    cosPoly = cosPoly + 1f;

    float sinPoly = Math.fma(SIN_P0, z, SIN_P1);
    sinPoly = Math.fma(sinPoly, z, SIN_P2);
    sinPoly = sinPoly * z;
    sinPoly = Math.fma(sinPoly, r, r);

    boolean sinFromSinPoly = (j & 2) == 0;
    float sin = sinFromSinPoly ? sinPoly : cosPoly;
    float cos = sinFromSinPoly ? cosPoly : sinPoly;
    return new SinCos(withSign(sin, sinSign), withSign(cos, cosSign));
  }

  private static float withSign(float value, int signFlip) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(value) ^ signFlip);
  }
}
