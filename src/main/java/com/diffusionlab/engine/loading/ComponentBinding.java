package com.diffusionlab.engine.loading;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.diffusionlab.engine.ModelFormatException;
import com.diffusionlab.engine.nn.ParameterSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Matches what a network asks for with what a checkpoint holds, from the headers alone: missing
 * tensors, shape mismatches and unexpected tensors are known before a weight is read.
 */
final class ComponentBinding {

  private static final int LISTED = 20;

  private final String component;
  private final Path origin;
  private final TensorStore store;
  private final Map<String, Shape> expected;
  private final KeyMap keys;
  private final List<String> missing = new ArrayList<>();
  private final List<String> mismatched = new ArrayList<>();
  private final List<String> unexpected = new ArrayList<>();
  private final Set<String> dtypes = new TreeSet<>();

  /**
   * @param belongs which of the store's tensors are this component's (a single-file checkpoint
   *     holds all components in one store)
   */
  ComponentBinding(
      String component,
      Path origin,
      TensorStore store,
      Map<String, Shape> expected,
      KeyMap keys,
      Predicate<String> belongs) {
    this.component = component;
    this.origin = origin;
    this.store = store;
    this.expected = expected;
    this.keys = keys;
    Map<String, StoredTensor> tensors = store.tensors();
    Set<String> used = new HashSet<>();
    expected.forEach(
        (parameter, shape) -> {
          TensorRef ref = keys.sourceOf(parameter);
          StoredTensor stored = tensors.get(ref.name());
          if (stored == null) {
            missing.add(ref.name());
            return;
          }
          used.add(ref.name());
          dtypes.add(stored.dtype());
          if (!fits(stored.shape(), shape, ref)) {
            mismatched.add(
                ref.name()
                    + " has shape "
                    + stored.shape()
                    + " but "
                    + parameter
                    + " needs "
                    + shape
                    + (ref.sliced() ? " (one of " + ref.parts() + " slices)" : ""));
          }
        });
    for (String name : tensors.keySet()) {
      if (belongs.test(name) && !used.contains(name) && !keys.ignorable(name)) {
        unexpected.add(name);
      }
    }
  }

  private static boolean fits(Shape stored, Shape wanted, TensorRef ref) {
    if (ref.sliced()) {
      return stored.dimension() == wanted.dimension()
          && stored.get(0) == wanted.get(0) * ref.parts()
          && stored.slice(1).equals(wanted.slice(1));
    }
    return withoutTrailingOnes(stored).equals(withoutTrailingOnes(wanted));
  }

  /** A 1×1 convolution kernel and a linear weight hold the same matrix. */
  private static Shape withoutTrailingOnes(Shape shape) {
    long[] dims = shape.getShape();
    int length = dims.length;
    while (length > 1 && dims[length - 1] == 1) {
      length--;
    }
    return new Shape(Arrays.copyOf(dims, length));
  }

  String component() {
    return component;
  }

  List<String> missing() {
    return List.copyOf(missing);
  }

  List<String> mismatched() {
    return List.copyOf(mismatched);
  }

  List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  Set<String> dtypes() {
    return Set.copyOf(dtypes);
  }

  long parameterCount() {
    return expected.values().stream().mapToLong(Shape::size).sum();
  }

  /** Fails, naming the first tensors, when the checkpoint cannot supply this network. */
  void requireComplete() {
    if (missing.isEmpty() && mismatched.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder(component).append(" does not match the checkpoint:");
    describe(message, "missing", missing);
    describe(message, "shape mismatch", mismatched);
    throw new ModelFormatException(origin, message.toString());
  }

  private static void describe(StringBuilder message, String what, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    message.append(' ').append(names.size()).append(' ').append(what).append(": ");
    message.append(String.join(", ", names.subList(0, Math.min(LISTED, names.size()))));
    if (names.size() > LISTED) {
      message.append(", …");
    }
    message.append('.');
  }

  /** Reads each parameter when the network asks for it, converted to {@code dataType}. */
  ParameterSource reader(NDManager manager, DataType dataType) {
    requireComplete();
    return (parameter, shape) -> {
      TensorRef ref = keys.sourceOf(parameter);
      NDArray whole = store.read(ref.name(), manager, dataType);
      if (!ref.sliced()) {
        return whole.getShape().equals(shape) ? whole : reshaped(whole, shape);
      }
      long rows = shape.get(0);
      // a copy, so that the slice does not keep the whole fused matrix alive
      try (NDArray full = whole;
          NDArray slice =
              full.get(new NDIndex("{}:{}", ref.part() * rows, (ref.part() + 1) * rows))) {
        return slice.duplicate();
      }
    };
  }

  /** The view keeps the storage alive after the original handle is released. */
  private static NDArray reshaped(NDArray whole, Shape shape) {
    NDArray view = whole.reshape(shape);
    whole.close();
    return view;
  }
}
