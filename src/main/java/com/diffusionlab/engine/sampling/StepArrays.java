package com.diffusionlab.engine.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Ownership of the arrays of one sampling run, so that thousands of steps leave nothing behind.
 * Arrays carried from step to step are "kept" in a run manager (a sub-manager of the caller's);
 * each step gets a sub-manager of its own into which the kept arrays are temporarily attached, so
 * that everything a step derives from them (DJL puts a result in the manager of its first operand)
 * is freed when the step closes. The caller's start latent is "borrowed": used, never closed.
 */
final class StepArrays implements AutoCloseable {
  private final NDManager caller;
  private final NDManager run;
  private final Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
  private NDArray borrowed;

  StepArrays(NDArray start) {
    this.caller = start.getManager();
    this.run = caller.newSubManager();
    this.borrowed = start;
  }

  /** A manager for one step, holding the borrowed and kept arrays until it closes. */
  NDManager openStep() {
    NDManager step = run.newSubManager();
    if (borrowed != null) {
      borrowed.tempAttach(step);
    }
    for (NDArray array : kept) {
      array.tempAttach(step);
    }
    return step;
  }

  /** Takes ownership of an array handed over by a collaborator (denoiser, noise source). */
  NDArray adopt(NDManager step, NDArray array) {
    if (array == borrowed || kept.contains(array)) {
      throw new IllegalStateException(
          "a denoiser or noise source returned an array the sampler holds; it must return a new"
              + " array");
    }
    if (array.getManager() != step) {
      array.attach(step);
    }
    return array;
  }

  /** Keeps an array past the end of its step, until {@link #release} or the end of the run. */
  NDArray keep(NDArray array) {
    if (array != borrowed) {
      array.attach(run);
      kept.add(array);
    }
    return array;
  }

  /** Frees a kept array, or stops using the borrowed one (which stays the caller's). */
  void release(NDArray array) {
    if (array == null) {
      return;
    }
    if (array == borrowed) {
      borrowed = null;
    } else if (kept.remove(array)) {
      array.close();
    }
  }

  /** Hands a kept array over to the caller's manager, as the result of the run. */
  NDArray finish(NDArray result) {
    if (!kept.remove(result)) {
      throw new IllegalStateException("only a kept array can be the result of a run");
    }
    result.attach(caller);
    return result;
  }

  @Override
  public void close() {
    run.close();
  }
}
