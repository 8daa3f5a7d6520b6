package com.diffusionlab.engine.loading;

import java.util.function.Predicate;

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

  /** The same mapping, with {@code ignored} tensors not reported as unexpected. */
  static KeyMap withIgnored(KeyMap keys, Predicate<String> ignored) {
    return new KeyMap() {
      @Override
      public TensorRef sourceOf(String parameter) {
        return keys.sourceOf(parameter);
      }

      @Override
      public boolean ignorable(String tensor) {
        return ignored.test(tensor);
      }
    };
  }

  static KeyMap prefixed(String prefix) {
    return parameter -> TensorRef.whole(prefix + parameter);
  }
}
