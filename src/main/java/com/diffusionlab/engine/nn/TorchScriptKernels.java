package com.diffusionlab.engine.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reaches libtorch's fused {@code group_norm} and {@code scaled_dot_product_attention} through a
 * small TorchScript module written by the engine itself and loaded with DJL. Calls run in inference
 * mode, so the results carry no autograd history: use {@link NativeKernels} to train.
 */
public final class TorchScriptKernels implements Kernels {

  private static final String METHODS =
      """
        def group_norm(self: __torch__.Ops, x: Tensor, groups: int, weight: Tensor, bias: Tensor, eps: float) -> Tensor:
          return torch.group_norm(x, groups, weight, bias, eps)
        def group_norm_silu(self: __torch__.Ops, x: Tensor, groups: int, weight: Tensor, bias: Tensor, eps: float) -> Tensor:
          return torch.silu(torch.group_norm(x, groups, weight, bias, eps))
        def attention(self: __torch__.Ops, q: Tensor, k: Tensor, v: Tensor) -> Tensor:
          return torch.scaled_dot_product_attention(q, k, v)
        def masked_attention(self: __torch__.Ops, q: Tensor, k: Tensor, v: Tensor, mask: Tensor) -> Tensor:
          return torch.scaled_dot_product_attention(q, k, v, mask)
      """;

  private final Model model;
  private final PtSymbolBlock block;

  public TorchScriptKernels(Device device) {
    model = Model.newInstance("dlab-kernels", device, "PyTorch");
    try {
      model.load(new ByteArrayInputStream(TorchScriptArchive.build("Ops", METHODS)));
    } catch (IOException e) {
      model.close();
      throw new UncheckedIOException(e);
    } catch (MalformedModelException e) {
      model.close();
      throw new IllegalStateException("the engine's own TorchScript kernels did not load", e);
    }
    block = (PtSymbolBlock) model.getBlock();
  }

  @Override
  public NDArray groupNorm(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return call("group_norm", x, groups, weight, bias, eps);
  }

  @Override
  public NDArray groupNormSilu(NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return call("group_norm_silu", x, groups, weight, bias, eps);
  }

  private NDArray call(
      String method, NDArray x, int groups, NDArray weight, NDArray bias, float eps) {
    return run(
        x,
        method,
        IValue.from((PtNDArray) x),
        IValue.from(groups),
        IValue.from((PtNDArray) weight),
        IValue.from((PtNDArray) bias),
        IValue.from((double) eps));
  }

  @Override
  public NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
    if (mask == null) {
      return run(
          q,
          "attention",
          IValue.from((PtNDArray) q),
          IValue.from((PtNDArray) k),
          IValue.from((PtNDArray) v));
    }
    return run(
        q,
        "masked_attention",
        IValue.from((PtNDArray) q),
        IValue.from((PtNDArray) k),
        IValue.from((PtNDArray) v),
        IValue.from((PtNDArray) mask));
  }

  private NDArray run(NDArray owner, String method, IValue... inputs) {
    try (IValue result = IValueUtils.runMethod(block, method, inputs)) {
      return result.toTensor((PtNDManager) owner.getManager());
    } finally {
      for (IValue input : inputs) {
        input.close();
      }
    }
  }

  @Override
  public String name() {
    return "torchscript";
  }

  @Override
  public void close() {
    model.close();
  }
}
