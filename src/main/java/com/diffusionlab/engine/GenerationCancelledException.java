package com.diffusionlab.engine;

/** A generation stopped because it was cancelled; nothing partial is returned. */
public final class GenerationCancelledException extends EngineException {
  public GenerationCancelledException() {
    super("generation cancelled");
  }
}
