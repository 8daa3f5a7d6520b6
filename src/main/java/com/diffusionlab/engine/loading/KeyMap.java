package com.diffusionlab.engine.loading;

/** Translates the engine's (diffusers) parameter names into a checkpoint's own names. */
interface KeyMap {

  TensorRef sourceOf(String parameter);

  /**
   * Checkpoint tensors that are known and deliberately unused (buffers such as position ids, the
   * EMA copy, heads the pipeline does not need): not reported as unexpected.
   */
  default boolean ignorable(String tensor) {
    return false;
  }

  static KeyMap prefixed(String prefix) {
    return parameter -> TensorRef.whole(prefix + parameter);
  }
}
