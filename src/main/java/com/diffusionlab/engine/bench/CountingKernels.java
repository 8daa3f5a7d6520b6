package com.diffusionlab.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.nn.Kernels;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the floating-point operations of the heavy primitives as they run (a multiply-add is two),
 * from the actual shapes: convolutions, linear layers and the two matrix products of attention.
 * Normalisations and element-wise operations are a few percent and not counted, so the figure is a
 * slight underestimate of the work.
 */
final class CountingKernels implements Kernels {

  private final Kernels delegate;
  private final AtomicLong flops = new AtomicLong();

  CountingKernels(Kernels delegate) {
    this.delegate = delegate;
  }

  long flops() {
    return flops.get();
  }

  void reset() {
    flops.set(0);
  }

  @Override
  public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    Shape w = weight.getShape();
    flops.addAndGet(2 * (x.size() / w.get(1)) * w.get(0) * w.get(1));
    return delegate.linear(x, weight, bias);
  }

  @Override
  public NDArray convolutionWeight(NDArray weight, int stride, int padding) {
    return delegate.convolutionWeight(weight, stride, padding);
  }

  @Override
  public NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
    NDArray out = delegate.conv2d(x, weight, bias, stride, padding);
    Shape w = weight.getShape();
    long perOutput = w.get(1) * w.get(2) * w.get(3);
    flops.addAndGet(2 * out.size() * perOutput);
    return out;
  }

  @Override
  public NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
    Shape shape = q.getShape();
    long tokens = shape.get(2);
    long contextTokens = k.getShape().get(2);
    flops.addAndGet(2 * 2 * shape.get(0) * shape.get(1) * tokens * contextTokens * shape.get(3));
    return delegate.attention(q, k, v, mask);
  }

  @Override
  public NDArray groupNorm(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return delegate.groupNorm(x, groups, weight, bias, eps);
  }

  @Override
  public NDArray groupNormSilu(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return delegate.groupNormSilu(x, groups, weight, bias, eps);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
