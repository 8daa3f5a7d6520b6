package com.diffusionlab.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;

/**
 * Runs a block of a network so that its intermediate arrays are freed when it returns: the inputs
 * are lent to a child manager for the duration (DJL puts an operation's result in its first
 * operand's manager), and only the result is handed back to the caller's manager. Without this, a
 * UNet call at 512×512 would keep gigabytes of intermediates alive until the whole run ends.
 */
public final class Scoped {
  private Scoped() {}

  /**
   * @param owner the array whose manager receives the result
   * @param body the computation; it must use the inputs (or arrays derived from them) as first
   *     operands, never the weights
   * @param inputs the arrays the body reads; nulls are skipped
   */
  public static NDArray run(NDArray owner, Supplier<NDArray> body, NDArray... inputs) {
    NDManager parent = owner.getManager();
    try (NDManager scope = parent.newSubManager()) {
      for (NDArray input : inputs) {
        if (input != null) {
          input.tempAttach(scope);
        }
      }
      NDArray result = body.get();
      result.attach(parent);
      return result;
    }
  }
}
