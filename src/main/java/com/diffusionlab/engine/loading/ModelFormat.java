package com.diffusionlab.engine.loading;

/** How a model is stored on disk. */
public enum ModelFormat {
  /** A diffusers folder: model_index.json and one sub-folder per component. */
  DIFFUSERS("diffusers"),
  /** One safetensors file in the original Stable Diffusion layout. */
  SINGLE_FILE("single-file");

  private final String label;

  ModelFormat(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
