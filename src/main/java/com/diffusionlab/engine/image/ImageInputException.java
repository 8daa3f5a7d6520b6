package com.diffusionlab.engine.image;

import com.diffusionlab.engine.EngineException;

/** An input image that cannot be used: unsupported format, too large, or undecodable. */
public class ImageInputException extends EngineException {
  public ImageInputException(String message) {
    super(message);
  }

  public ImageInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
