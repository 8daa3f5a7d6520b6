package com.diffusionlab.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/** Asks a running generation to stop; the engine checks it between steps. */
public final class CancellationToken {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * @throws GenerationCancelledException once {@link #cancel()} was called
   */
  public void throwIfCancelled() {
    if (cancelled.get()) {
      throw new GenerationCancelledException();
    }
  }
}
