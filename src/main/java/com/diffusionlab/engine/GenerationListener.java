package com.diffusionlab.engine;

/** Follows a generation as it runs; every method has a no-op default. */
public interface GenerationListener {

  GenerationListener NONE = new GenerationListener() {};

  /** The generation entered a stage. */
  default void onStage(Stage stage) {}

  /** A sampler step finished. */
  default void onStep(StepProgress progress) {}

  /** The stages of a generation, in order. */
  enum Stage {
    LOADING,
    TOKENIZING,
    ENCODING,
    SAMPLING,
    DECODING
  }
}
