package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the work of the heavy primitives as they run, from the actual shapes: floating-point
 * operations (a multiply-add is two) of convolutions, linear layers and the two matrix products of
 * attention, how many kernel calls were made, and the largest result. Normalisations and
 * element-wise operations are a few percent of the arithmetic and not counted, so the figure is a
 * slight underestimate of the work; they are counted as calls, which is what costs time on small
 * tensors.
 */
public final class CountingKernels implements Kernels {

  private final Kernels delegate;
  private final AtomicLong flops = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong largestResultBytes = new AtomicLong();

  public CountingKernels(Kernels delegate) {
    this.delegate = delegate;
  }

  public long flops() {
    return flops.get();
  }

  public long calls() {
    return calls.get();
  }

  /** The largest array a kernel returned since the last reset, in bytes. */
  public long largestResultBytes() {
    return largestResultBytes.get();
  }

  public void reset() {
    flops.set(0);
    calls.set(0);
    largestResultBytes.set(0);
  }

  @Override
  public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    Shape w = weight.getShape();
    return counted(
        2 * (x.size() / w.get(1)) * w.get(0) * w.get(1), delegate.linear(x, weight, bias));
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
    return counted(2 * out.size() * perOutput, out);
  }

  @Override
  public NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
    Shape shape = q.getShape();
    long tokens = shape.get(2);
    long contextTokens = k.getShape().get(2);
    return counted(
        2 * 2 * shape.get(0) * shape.get(1) * tokens * contextTokens * shape.get(3),
        delegate.attention(q, k, v, mask));
  }

  @Override
  public NDArray groupNorm(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return counted(0, delegate.groupNorm(x, groups, weight, bias, eps));
  }

  @Override
  public NDArray groupNormSilu(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return counted(0, delegate.groupNormSilu(x, groups, weight, bias, eps));
  }

  private NDArray counted(long operations, NDArray result) {
    flops.addAndGet(operations);
    calls.incrementAndGet();
    largestResultBytes.accumulateAndGet(
        result.size() * result.getDataType().getNumOfBytes(), Math::max);
    return result;
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
