package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The kernels composed from DJL's own operations. Slower than {@link TorchScriptKernels} on the CPU
 * (layer norm over a reshape, an explicit score matrix), but differentiable, which training needs.
 */
public final class NativeKernels implements Kernels {

  @Override
  public NDArray groupNorm(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    Shape shape = x.getShape();
    long channels = shape.get(1);
    NDArray grouped = x.reshape(shape.get(0), groups, -1);
    long groupSize = grouped.getShape().get(2);
    NDManager manager = x.getManager();
    // DJL's layer norm requires an affine pair; the identity one turns it into plain standardising
    NDArray normalized =
        grouped
            .getNDArrayInternal()
            .layerNorm(
                grouped,
                new Shape(groupSize),
                manager.ones(new Shape(groupSize), x.getDataType()),
                manager.zeros(new Shape(groupSize), x.getDataType()),
                eps)
            .singletonOrThrow()
            .reshape(shape);
    long[] affineShape = new long[shape.dimension()];
    Arrays.fill(affineShape, 1);
    affineShape[1] = channels;
    Shape broadcast = new Shape(affineShape);
    return normalized.mul(weight.reshape(broadcast)).add(bias.reshape(broadcast));
  }

  @Override
  public NDArray groupNormSilu(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    NDArray normalized = groupNorm(x, groups, weight, bias, eps);
    return normalized.mul(normalized.getNDArrayInternal().sigmoid());
  }

  @Override
  public NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
    double scale = 1.0 / Math.sqrt(q.getShape().getLastDimension());
    NDArray scores = q.mul(scale).matMul(k.transpose(0, 1, 3, 2));
    if (mask != null) {
      scores = scores.add(mask);
    }
    return scores.softmax(-1).matMul(v);
  }

  @Override
  public String name() {
    return "djl-native";
  }

  @Override
  public void close() {}
}
