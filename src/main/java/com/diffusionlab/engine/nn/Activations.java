package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/** Element-wise activations by the names diffusers and transformers configs use. */
public final class Activations {
  private Activations() {}

  public static NDArray silu(NDArray x) {
    return x.mul(x.getNDArrayInternal().sigmoid());
  }

  /** The exact (erf) GELU. */
  public static NDArray gelu(NDArray x) {
    return x.getNDArrayInternal().gelu();
  }

  /** OpenAI CLIP's sigmoid approximation of GELU. */
  public static NDArray quickGelu(NDArray x) {
    return x.mul(x.mul(1.702f).getNDArrayInternal().sigmoid());
  }

  /**
   * @throws IllegalArgumentException for names other than silu/swish, gelu, quick_gelu
   */
  public static UnaryOperator<NDArray> byName(String field, String name) {
    return switch (name) {
      case "silu", "swish" -> Activations::silu;
      case "gelu" -> Activations::gelu;
      case "quick_gelu" -> Activations::quickGelu;
      default ->
          throw new IllegalArgumentException(
              field + "='" + name + "' is not supported; allowed: silu, swish, gelu, quick_gelu");
    };
  }
}
