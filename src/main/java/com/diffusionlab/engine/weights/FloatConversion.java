package com.diffusionlab.engine.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** Decodes little-endian floating-point tensor bytes of any safetensors float dtype. */
final class FloatConversion {
  private static final int CHUNK = 8192;

  private FloatConversion() {}

  /** Decodes all of {@code source} (little-endian {@code dtype} values) into {@code target}. */
  static void toFloat32(ByteBuffer source, SafetensorsDtype dtype, FloatBuffer target) {
    ByteBuffer bytes = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case F32 -> target.put(bytes.asFloatBuffer());
      case F64 -> {
        DoubleBuffer doubles = bytes.asDoubleBuffer();
        while (doubles.hasRemaining()) {
          target.put((float) doubles.get());
        }
      }
      case F16 -> {
        ShortBuffer halves = bytes.asShortBuffer();
        while (halves.hasRemaining()) {
          target.put(Float.float16ToFloat(halves.get()));
        }
      }
      case BF16 -> {
        // bfloat16 is the upper half of a float32
        ShortBuffer halves = bytes.asShortBuffer();
        while (halves.hasRemaining()) {
          target.put(Float.intBitsToFloat(halves.get() << 16));
        }
      }
      case F8_E5M2 -> {
        // E5M2 is the upper byte of an IEEE half
        while (bytes.hasRemaining()) {
          target.put(Float.float16ToFloat((short) (bytes.get() << 8)));
        }
      }
      case F8_E4M3 -> {
        while (bytes.hasRemaining()) {
          target.put(e4m3ToFloat(bytes.get()));
        }
      }
      default ->
          throw new IllegalArgumentException(dtype + " is not a floating-point safetensors dtype");
    }
  }

  /** Decodes all of {@code source} into IEEE half-precision bits, rounding to nearest even. */
  static void toFloat16(ByteBuffer source, SafetensorsDtype dtype, ShortBuffer target) {
    ByteBuffer bytes = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (dtype == SafetensorsDtype.F16) {
      target.put(bytes.asShortBuffer());
      return;
    }
    int elements = bytes.remaining() / dtype.byteSize();
    float[] chunk = new float[Math.min(CHUNK, elements)];
    for (int start = 0; start < elements; start += chunk.length) {
      int count = Math.min(chunk.length, elements - start);
      ByteBuffer slice = bytes.slice(start * dtype.byteSize(), count * dtype.byteSize());
      toFloat32(slice, dtype, FloatBuffer.wrap(chunk, 0, count));
      for (int i = 0; i < count; i++) {
        target.put(Float.floatToFloat16(chunk[i]));
      }
    }
  }

  /** float8 E4M3 "FN": bias 7, no infinities, S.1111.111 is NaN. */
  private static float e4m3ToFloat(byte value) {
    int exponent = (value >>> 3) & 0xF;
    int mantissa = value & 0x7;
    float magnitude;
    if (exponent == 0xF && mantissa == 0x7) {
      magnitude = Float.NaN;
    } else if (exponent == 0) {
      magnitude = Math.scalb((float) mantissa, -9);
    } else {
      magnitude = Math.scalb((float) (8 + mantissa), exponent - 10);
    }
    return value < 0 ? -magnitude : magnitude;
  }
}
