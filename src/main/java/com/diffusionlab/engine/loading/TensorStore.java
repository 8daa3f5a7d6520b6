package com.diffusionlab.engine.loading;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;

/** The tensors of one model component, possibly spread over several files. */
interface TensorStore extends AutoCloseable {

  Map<String, StoredTensor> tensors();

  /** Reads one tensor converted to {@code dataType}, owned by {@code manager}. */
  NDArray read(String name, NDManager manager, DataType dataType);

  @Override
  void close();
}
