package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The strided convolution that halves a feature map and the nearest-neighbour one that doubles it.
 */
public final class Resampling {
  private Resampling() {}

  /** diffusers' {@code Downsample2D} with a convolution. */
  public static final class Down {
    private final Conv2d conv;
    private final boolean asymmetricPadding;

    /**
     * @param padding 1 as the UNet uses; 0 as the VAE encoder uses, which pads right and bottom by
     *     one instead so that even sizes halve exactly
     */
    public Down(Params params, long channels, int padding) {
      conv = new Conv2d(params.child("conv"), channels, channels, 3, 2, padding);
      asymmetricPadding = padding == 0;
    }

    public NDArray forward(NDArray x) {
      if (!asymmetricPadding) {
        return conv.forward(x);
      }
      try (NDArray padded = x.pad(new Shape(0, 1, 0, 1), 0)) {
        return conv.forward(padded);
      }
    }
  }

  /** diffusers' {@code Upsample2D}: nearest-neighbour upscaling then a 3×3 convolution. */
  public static final class Up {
    private final Conv2d conv;

    public Up(Params params, long channels) {
      conv = Conv2d.same3x3(params.child("conv"), channels, channels);
    }

    /** Doubles the size. */
    public NDArray forward(NDArray x) {
      Shape shape = x.getShape();
      return forward(x, shape.get(2) * 2, shape.get(3) * 2);
    }

    /** Doubles the size of {@code x}, which the caller hands over: it is closed once upscaled. */
    public NDArray forwardConsuming(NDArray x) {
      Shape shape = x.getShape();
      try (NDArray upscaled = upscale(x, shape.get(2) * 2, shape.get(3) * 2)) {
        x.close();
        return conv.forward(upscaled);
      }
    }

    /**
     * Upscales to the given size: the UNet matches the skip connection, which differs from twice
     * the size when the latent size is not a multiple of the total downscaling.
     */
    public NDArray forward(NDArray x, long height, long width) {
      // freed here, not with the caller's scope: at 512×512 it is the largest array of a decode
      try (NDArray upscaled = upscale(x, height, width)) {
        return conv.forward(upscaled);
      }
    }

    private static NDArray upscale(NDArray x, long height, long width) {
      return x.getNDArrayInternal().interpolation(new long[] {height, width}, 0, false);
    }
  }
}
