package com.diffusionlab.engine;

/** Base of every error the engine reports on purpose: bad input, bad model files, cancellation. */
public class EngineException extends RuntimeException {
  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
