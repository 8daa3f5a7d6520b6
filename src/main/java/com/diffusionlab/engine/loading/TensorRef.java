package com.diffusionlab.engine.loading;

/**
 * Where a network parameter lives in a checkpoint: a tensor, or one of {@code parts} equal slices
 * of it along the first axis (OpenCLIP stores query, key and value as one matrix).
 */
record TensorRef(String name, int part, int parts) {

  static TensorRef whole(String name) {
    return new TensorRef(name, 0, 1);
  }

  boolean sliced() {
    return parts > 1;
  }
}
