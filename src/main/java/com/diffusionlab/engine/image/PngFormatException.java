package com.diffusionlab.engine.image;

import com.diffusionlab.engine.EngineException;

/** A PNG file that is malformed, truncated, corrupt or beyond the reader's limits. */
public class PngFormatException extends EngineException {
  public PngFormatException(String message) {
    super(message);
  }

  public PngFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
