package com.diffusionlab.engine.loading;

import ai.djl.ndarray.types.Shape;

/** What a weight file declares about one tensor, known before any weight is read. */
public record StoredTensor(String name, String dtype, Shape shape) {}
