package com.diffusionlab.engine.image;

import com.diffusionlab.engine.EngineException;

/**
 * Generation metadata (AUTOMATIC1111 infotext, Diffusion Lab replay JSON, ComfyUI JSON) that does
 * not parse; the message names the field, the value and what was expected.
 */
public class MetadataFormatException extends EngineException {
  public MetadataFormatException(String message) {
    super(message);
  }

  public MetadataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
