package com.diffusionlab.engine.text;

import com.diffusionlab.engine.EngineException;

/** A prompt whose emphasis syntax cannot be read; the message names the offending part. */
public class InvalidPromptException extends EngineException {

  public InvalidPromptException(String message) {
    super(message);
  }
}
