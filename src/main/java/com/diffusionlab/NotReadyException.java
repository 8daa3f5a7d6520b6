package com.diffusionlab;

import java.time.Duration;

/**
 * Work refused because the workspace is not ready for it: it is still starting (its model registry
 * is being loaded) or already shutting down. The REST API answers 503 with {@code Retry-After}.
 */
public class NotReadyException extends RuntimeException {
  private final Duration retryAfter;

  public NotReadyException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** How long a client should wait before asking again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
