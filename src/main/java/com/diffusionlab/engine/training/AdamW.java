package com.diffusionlab.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Adam with decoupled weight decay, written out so that its moments can be saved with a checkpoint
 * and training resumes exactly. Updates run in place, outside gradient recording, and clear each
 * gradient after use; temporaries live in a scope per step.
 */
final class AdamW {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final SequencedMap<String, NDArray> parameters;
  private final Map<String, NDArray> first = new LinkedHashMap<>();
  private final Map<String, NDArray> second = new LinkedHashMap<>();
  private final double weightDecay;
  private long steps;

  AdamW(SequencedMap<String, NDArray> parameters, NDManager manager, double weightDecay) {
    this.parameters = parameters;
    this.weightDecay = weightDecay;
    parameters.forEach(
        (name, parameter) -> {
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
      parameters.values().forEach(AdamW::clearGradient);
      return false;
    }
    double scale = norm > maxNorm ? maxNorm / norm : 1;
    steps++;
    double correction1 = 1 - Math.pow(BETA1, steps);
    double correction2 = 1 - Math.pow(BETA2, steps);
    for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
      NDArray parameter = entry.getValue();
      NDArray m = first.get(entry.getKey());
      NDArray v = second.get(entry.getKey());
      try (NDManager scope = parameter.getManager().newSubManager()) {
        // a fresh handle on the accumulated gradient, freed with the scope
        NDArray gradient = parameter.getGradient();
        gradient.attach(scope);
        NDArray clipped = gradient.mul((float) scale);
        m.muli(BETA1).addi(clipped.mul(1 - BETA1));
        v.muli(BETA2).addi(clipped.square().muli(1 - BETA2));
        m.tempAttach(scope);
        v.tempAttach(scope);
        NDArray update = m.div(correction1).divi(v.div(correction2).sqrt().addi(EPSILON));
        if (weightDecay > 0 && parameter.getShape().dimension() > 1) {
          parameter.muli(1 - rate * weightDecay);
        }
        parameter.subi(update.muli(rate));
        gradient.muli(0);
      }
    }
    return true;
  }

  /** The L2 norm of all gradients together. */
  private double gradientNorm() {
    double sum = 0;
    for (NDArray parameter : parameters.values()) {
      try (NDArray gradient = parameter.getGradient();
          NDArray squares = gradient.square();
          NDArray total = squares.sum()) {
        sum += total.getFloat();
      }
    }
    return Math.sqrt(sum);
  }

  /** Sets a gradient to zero; multiplying would keep NaN. */
  private static void clearGradient(NDArray parameter) {
    try (NDArray gradient = parameter.getGradient()) {
      gradient.set(new NDIndex(":"), 0);
    }
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
}
