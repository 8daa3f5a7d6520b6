package com.diffusionlab.engine.loading;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.diffusionlab.engine.ModelFormatException;
import com.diffusionlab.engine.weights.SafetensorsFile;
import com.diffusionlab.engine.weights.TensorInfo;
import com.diffusionlab.engine.weights.WeightFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The union of one or more safetensors files (a component may be sharded). */
final class SafetensorsStore implements TensorStore {

  private final List<SafetensorsFile> files = new ArrayList<>();
  private final Map<String, SafetensorsFile> owners = new HashMap<>();
  private final Map<String, StoredTensor> tensors = new LinkedHashMap<>();

  /** Opens and validates every file; pickles and unknown formats are refused by their bytes. */
  SafetensorsStore(List<Path> paths) {
    try {
      for (Path path : paths) {
        WeightFiles.requireSafetensors(path);
        SafetensorsFile file = SafetensorsFile.open(path);
        files.add(file);
        for (TensorInfo info : file.tensors().values()) {
          SafetensorsFile previous = owners.putIfAbsent(info.name(), file);
          if (previous != null) {
            throw new ModelFormatException(
                path, "tensor " + info.name() + " is also in " + previous.file().getFileName());
          }
          tensors.put(
              info.name(), new StoredTensor(info.name(), info.dtype().name(), info.djlShape()));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public Map<String, StoredTensor> tensors() {
    return Collections.unmodifiableMap(tensors);
  }

  @Override
  public NDArray read(String name, NDManager manager, DataType dataType) {
    return owners.get(name).read(name, manager, dataType);
  }

  @Override
  public void close() {
    files.forEach(SafetensorsFile::close);
  }
}
