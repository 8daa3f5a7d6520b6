package com.diffusionlab.engine.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parameterless TorchScript module written by the engine itself as source and loaded with DJL:
 * the way to libtorch operations that DJL's API lacks, each call one trip through JNI.
 */
public final class TorchScriptModule implements AutoCloseable {

  /**
   * DJL's training entry point takes tensors only and picks the method from an array named {@code
   * module_method:NAME}.
   */
  private static final String METHOD_MARKER = "module_method:";

  private final Model model;
  private final PtSymbolBlock block;
  private final NDManager constants;
  private final Map<String, NDArray> markers = new ConcurrentHashMap<>();

  /**
   * @param name the TorchScript class name
   * @param methods method source blocks, each starting with {@code def name(self: __torch__.NAME,
   *     ...)} and indented by two spaces inside the class
   */
  public TorchScriptModule(Device device, String name, String methods) {
    model = Model.newInstance("dlab-" + name, device, "PyTorch");
    try {
      model.load(new ByteArrayInputStream(TorchScriptArchive.build(name, methods)));
    } catch (IOException e) {
      model.close();
      throw new UncheckedIOException(e);
    } catch (MalformedModelException e) {
      model.close();
      throw new IllegalStateException("the engine's own TorchScript " + name + " did not load", e);
    }
    block = (PtSymbolBlock) model.getBlock();
    constants = model.getNDManager().newSubManager();
  }

  /** A manager for constants that live as long as the module (method markers among them). */
  public NDManager constants() {
    return constants;
  }

  /** Runs {@code method} in libtorch's inference mode and closes the inputs. */
  public IValue run(String method, IValue... inputs) {
    try {
      return IValueUtils.runMethod(block, method, inputs);
    } finally {
      for (IValue input : inputs) {
        input.close();
      }
    }
  }

  /**
   * Runs {@code method}, which returns one tensor, in inference mode; {@code owner}'s manager gets
   * it.
   */
  public NDArray runTensor(NDArray owner, String method, IValue... inputs) {
    try (IValue result = run(method, inputs)) {
      return result.toTensor((PtNDManager) owner.getManager());
    }
  }

  /**
   * Runs {@code method}, which takes and returns tensors only, with autograd recording: libtorch's
   * own backward kernels then train through it. The first input's manager gets the result.
   */
  public NDArray runRecorded(String method, NDArray... inputs) {
    NDList list = new NDList(inputs.length + 1);
    list.addAll(List.of(inputs));
    list.add(markers.computeIfAbsent(method, this::marker));
    return IValueUtils.forward(block, list, true).singletonOrThrow();
  }

  private NDArray marker(String method) {
    NDArray marker = constants.zeros(new Shape(1));
    marker.setName(METHOD_MARKER + method);
    return marker;
  }

  /** The IValue list of {@code arrays}, for methods taking {@code List[Tensor]}. */
  public static IValue list(Collection<NDArray> arrays) {
    return IValue.listFrom(arrays.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new));
  }

  @Override
  public void close() {
    constants.close();
    model.close();
  }
}
