package com.diffusionlab.engine.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reaches libtorch's fused {@code group_norm} and {@code scaled_dot_product_attention} through a
 * small TorchScript module written by the engine itself and loaded with DJL. Outside a {@code
 * GradientCollector} calls run in libtorch's inference mode; while one records, they run through
 * DJL's training entry point, so that libtorch's own backward kernels train through them.
 */
public final class TorchScriptKernels implements Kernels {

  /**
   * Inference applies SiLU in place: one image-sized array fewer at a VAE decoder's peak. The
   * {@code _recorded} twins, for training, keep it out of place, as autograd needs its input.
   */
  private static final String METHODS =
      """
        def group_norm(self: __torch__.Ops, x: Tensor, groups: int, weight: Tensor, bias: Tensor, eps: float) -> Tensor:
          return torch.group_norm(x, groups, weight, bias, eps)
        def group_norm_silu(self: __torch__.Ops, x: Tensor, groups: int, weight: Tensor, bias: Tensor, eps: float) -> Tensor:
          return torch.silu_(torch.group_norm(x, groups, weight, bias, eps))
        def attention(self: __torch__.Ops, q: Tensor, k: Tensor, v: Tensor) -> Tensor:
          return torch.scaled_dot_product_attention(q, k, v)
        def masked_attention(self: __torch__.Ops, q: Tensor, k: Tensor, v: Tensor, mask: Tensor) -> Tensor:
          return torch.scaled_dot_product_attention(q, k, v, mask)
        def group_norm_recorded(self: __torch__.Ops, x: Tensor, weight: Tensor, bias: Tensor, settings: Tensor) -> Tensor:
          return torch.group_norm(x, int(settings[0]), weight, bias, float(settings[1]))
        def group_norm_silu_recorded(self: __torch__.Ops, x: Tensor, weight: Tensor, bias: Tensor, settings: Tensor) -> Tensor:
          return torch.silu(torch.group_norm(x, int(settings[0]), weight, bias, float(settings[1])))
        def attention_recorded(self: __torch__.Ops, q: Tensor, k: Tensor, v: Tensor) -> Tensor:
          return torch.scaled_dot_product_attention(q, k, v)
        def masked_attention_recorded(self: __torch__.Ops, q: Tensor, k: Tensor, v: Tensor, mask: Tensor) -> Tensor:
          return torch.scaled_dot_product_attention(q, k, v, mask)
        def prepack_conv(self: __torch__.Ops, w: Tensor, stride: int, padding: int) -> Tensor:
          return ops.aten.mkldnn_reorder_conv2d_weight(w.to_mkldnn(), [padding, padding], [stride, stride], [1, 1], 1, None)
        def prepacked_conv_recorded(self: __torch__.Ops, x: Tensor, w: Tensor, b: Tensor, settings: Tensor) -> Tensor:
          stride = int(settings[0])
          padding = int(settings[1])
          return torch.mkldnn_convolution(x, w, b, [padding, padding], [stride, stride], [1, 1], 1)
      """;

  private final TorchScriptModule module;
  private final Map<List<Float>, NDArray> settings = new ConcurrentHashMap<>();
  private final boolean prepacksConvolutions;

  /** Kernels that train: every operation has libtorch's backward. */
  public TorchScriptKernels(Device device) {
    this(device, false);
  }

  private TorchScriptKernels(Device device, boolean prepacksConvolutions) {
    module = new TorchScriptModule(device, "Ops", METHODS);
    this.prepacksConvolutions =
        prepacksConvolutions && Device.Type.CPU.equals(device.getDeviceType());
  }

  /**
   * Kernels for inference only. On the CPU, convolution weights are reordered once into oneDNN's
   * blocked layout instead of on every call, as libtorch's ordinary {@code conv2d} does: at Stable
   * Diffusion's 1280-channel levels that reordering costs more than the convolution itself. Such
   * weights have no gradient and no readable values.
   */
  public static TorchScriptKernels forInference(Device device) {
    return new TorchScriptKernels(device, true);
  }

  @Override
  public NDArray convolutionWeight(NDArray weight, int stride, int padding) {
    if (!prepacksConvolutions || weight == null || weight.getDataType() != DataType.FLOAT32) {
      return weight;
    }
    try (NDArray dense = weight) {
      return module.runTensor(
          dense,
          "prepack_conv",
          IValue.from((PtNDArray) dense),
          IValue.from(stride),
          IValue.from(padding));
    }
  }

  @Override
  public NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
    if (!prepacksConvolutions || weight.getDataType() != DataType.FLOAT32) {
      return Kernels.super.conv2d(x, weight, bias, stride, padding);
    }
    // through the recording entry point, which runs outside libtorch's inference mode: callers
    // add to convolution outputs in place, which inference tensors refuse
    return module.runRecorded(
        "prepacked_conv_recorded", x, weight, bias, settings(stride, padding));
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
    if (JniUtils.isGradMode()) {
      // group norm's settings travel as a tensor: the recording entry point takes tensors only
      return module.runRecorded(method + "_recorded", x, weight, bias, settings(groups, eps));
    }
    return module.runTensor(
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
    if (JniUtils.isGradMode()) {
      return mask == null
          ? module.runRecorded("attention_recorded", q, k, v)
          : module.runRecorded("masked_attention_recorded", q, k, v, mask);
    }
    if (mask == null) {
      return module.runTensor(
          q,
          "attention",
          IValue.from((PtNDArray) q),
          IValue.from((PtNDArray) k),
          IValue.from((PtNDArray) v));
    }
    return module.runTensor(
        q,
        "masked_attention",
        IValue.from((PtNDArray) q),
        IValue.from((PtNDArray) k),
        IValue.from((PtNDArray) v),
        IValue.from((PtNDArray) mask));
  }

  private NDArray settings(float first, float second) {
    return settings.computeIfAbsent(
        List.of(first, second), key -> module.constants().create(new float[] {first, second}));
  }

  @Override
  public String name() {
    return "torchscript";
  }

  @Override
  public void close() {
    module.close();
  }
}
