package com.diffusionlab.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.IValue;
import com.diffusionlab.engine.nn.TorchScriptModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Adam with decoupled weight decay, written out so that its moments can be saved with a checkpoint
 * and training resumes exactly. The update runs as one TorchScript call over all parameters, in
 * place and outside gradient recording, and clears each gradient after use: written as DJL
 * operations it took some twenty JNI calls per parameter, a seventh of a training step.
 */
final class AdamW implements AutoCloseable {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private static final String METHODS =
      """
        def gradient_norm(self: __torch__.AdamW, params: List[Tensor]) -> float:
          total = 0.0
          for p in params:
            g = p.grad
            if g is not None:
              total += float(g.square().sum())
          return total ** 0.5
        def clear(self: __torch__.AdamW, params: List[Tensor]) -> None:
          for p in params:
            g = p.grad
            if g is not None:
              g.zero_()
        def update(self: __torch__.AdamW, params: List[Tensor], first: List[Tensor], second: List[Tensor], settings: List[float]) -> None:
          rate, scale, beta1, beta2, eps, decay, correction1, correction2 = settings[0], settings[1], settings[2], settings[3], settings[4], settings[5], settings[6], settings[7]
          for i in range(len(params)):
            p = params[i]
            g = p.grad
            if g is not None:
              clipped = g * scale
              m = first[i]
              v = second[i]
              m.mul_(beta1).add_(clipped * (1 - beta1))
              v.mul_(beta2).add_(clipped.square() * (1 - beta2))
              step = (m / correction1) / ((v / correction2).sqrt() + eps)
              if decay > 0 and p.dim() > 1:
                p.mul_(1 - rate * decay)
              p.sub_(step * rate)
              g.zero_()
      """;

  private final SequencedMap<String, NDArray> parameters = new LinkedHashMap<>();
  private final Map<String, NDArray> first = new LinkedHashMap<>();
  private final Map<String, NDArray> second = new LinkedHashMap<>();
  private final NDManager manager;
  private final double weightDecay;
  private final TorchScriptModule script;
  private long steps;

  /** An optimizer whose moments live in {@code manager}; {@link #track} gives it parameters. */
  AdamW(NDManager manager, double weightDecay) {
    this.manager = manager;
    this.weightDecay = weightDecay;
    script = new TorchScriptModule(manager.getDevice(), "AdamW", METHODS);
  }

  /** Adds parameters to optimize, with zero moments. */
  void track(SequencedMap<String, NDArray> added) {
    added.forEach(
        (name, parameter) -> {
          parameters.put(name, parameter);
          first.put(name, manager.zeros(parameter.getShape()));
          second.put(name, manager.zeros(parameter.getShape()));
        });
  }

  /**
   * Applies one update with learning rate {@code rate}, the gradients first scaled down so that
   * their global norm is at most {@code maxNorm}, and clears them. A step whose gradients are not
   * finite is skipped: one bad batch must not turn every weight into NaN.
   *
   * @return false when the step was skipped
   */
  boolean step(double rate, double maxNorm) {
    double norm = gradientNorm();
    if (!Double.isFinite(norm)) {
      // zero_ rather than multiplying by 0, which would keep NaN
      script.run("clear", params()).close();
      return false;
    }
    double scale = norm > maxNorm ? maxNorm / norm : 1;
    steps++;
    double[] settings = {
      rate,
      scale,
      BETA1,
      BETA2,
      EPSILON,
      weightDecay,
      1 - Math.pow(BETA1, steps),
      1 - Math.pow(BETA2, steps)
    };
    script
        .run(
            "update",
            params(),
            TorchScriptModule.list(first.values()),
            TorchScriptModule.list(second.values()),
            IValue.listFrom(settings))
        .close();
    return true;
  }

  /** The L2 norm of all gradients together. */
  private double gradientNorm() {
    try (IValue norm = script.run("gradient_norm", params())) {
      return norm.toDouble();
    }
  }

  private IValue params() {
    return TorchScriptModule.list(parameters.values());
  }

  long steps() {
    return steps;
  }

  /** The moments by parameter name (prefixed {@code m.} and {@code v.}) and the step count. */
  SequencedMap<String, NDArray> state() {
    SequencedMap<String, NDArray> state = new LinkedHashMap<>();
    first.forEach((name, m) -> state.put("m." + name, m));
    second.forEach((name, v) -> state.put("v." + name, v));
    return state;
  }

  /** Restores moments written by {@link #state()}. */
  void restore(Map<String, float[]> state, long restoredSteps) {
    first.forEach((name, m) -> m.set(state.get("m." + name)));
    second.forEach((name, v) -> v.set(state.get("v." + name)));
    steps = restoredSteps;
  }

  @Override
  public void close() {
    script.close();
  }
}
