package com.diffusionlab.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelsTest {

  private static TorchScriptKernels fused;
  private static final NativeKernels NATIVE = new NativeKernels();

  @BeforeAll
  static void load() {
    fused = new TorchScriptKernels(Device.cpu());
  }

  @AfterAll
  static void unload() {
    fused.close();
  }

  @Test
  void groupNormMatchesTheDefinitionComputedByHand() {
    try (NDManager m = NDManager.newBaseManager()) {
      // two groups of two channels, one pixel each: mean and variance per group by hand
      NDArray x = m.create(new float[] {1, 3, 10, 14}).reshape(1, 4, 1, 1);
      NDArray w = m.create(new float[] {1, 2, 1, 1});
      NDArray b = m.create(new float[] {0, 0, 0, 0.5f});
      float[] expected = {-1, 2, -1, 1.5f}; // (x-mean)/std, std of {1,3} is 1, of {10,14} is 2
      for (Kernels k : new Kernels[] {fused, NATIVE}) {
        assertThat(k.groupNorm(x, 2, w, b, 0f).toFloatArray())
            .as(k.name())
            .containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
  }

  @Test
  void fusedAndNativeKernelsAgreeOnRandomInput() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      NDArray x = m.randomNormal(new Shape(2, 64, 8, 8));
      NDArray w = m.randomNormal(new Shape(64));
      NDArray b = m.randomNormal(new Shape(64));
      assertClose(
          fused.groupNormSilu(x, 32, w, b, 1e-5f), NATIVE.groupNormSilu(x, 32, w, b, 1e-5f));
      NDArray q = m.randomNormal(new Shape(2, 4, 16, 8));
      NDArray k = m.randomNormal(new Shape(2, 4, 7, 8));
      NDArray v = m.randomNormal(new Shape(2, 4, 7, 8));
      assertClose(fused.attention(q, k, v, null), NATIVE.attention(q, k, v, null));
      NDArray mask = m.zeros(new Shape(1, 1, 16, 7)).add(m.randomNormal(new Shape(16, 7)));
      assertClose(fused.attention(q, k, v, mask), NATIVE.attention(q, k, v, mask));
    }
  }

  @Test
  void fusedKernelsTrainWithTheGradientsOfTheNativeOnes() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(11);
      NDArray x = m.randomNormal(new Shape(2, 16, 4, 4));
      NDArray w = m.randomNormal(new Shape(16));
      NDArray b = m.randomNormal(new Shape(16));
      NDArray q = m.randomNormal(new Shape(2, 2, 16, 8));
      NDArray k = m.randomNormal(new Shape(2, 2, 5, 8));
      NDArray v = m.randomNormal(new Shape(2, 2, 5, 8));
      NDArray mask = m.randomNormal(new Shape(1, 1, 16, 5));
      NDArray[] inputs = {x, w, b, q, k, v};
      NDArray[] expected = gradients(NATIVE, inputs, mask);
      NDArray[] actual = gradients(fused, inputs, mask);
      for (int i = 0; i < inputs.length; i++) {
        assertThat(actual[i].abs().sum().getFloat()).as("gradient %d", i).isGreaterThan(0f);
        assertClose(actual[i], expected[i]);
      }
    }
  }

  @Test
  void prepackedConvolutionsComputeWhatDjlsConvolutionDoesAndHoldTheWeightOnce() {
    try (NDManager m = NDManager.newBaseManager();
        TorchScriptKernels inference = TorchScriptKernels.forInference(Device.cpu())) {
      Engine.getInstance().setRandomSeed(5);
      NDArray x = m.randomNormal(new Shape(2, 12, 9, 7));
      NDArray b = m.randomNormal(new Shape(16));
      int[][] settings = {{3, 1, 1}, {3, 2, 1}, {3, 2, 0}, {1, 1, 0}}; // kernel, stride, padding
      for (int[] s : settings) {
        NDArray w = m.randomNormal(new Shape(16, 12, s[0], s[0]));
        NDArray expected = NATIVE.conv2d(x, w, b, s[1], s[2]);
        NDArray dense = w.duplicate();
        NDArray prepacked = inference.convolutionWeight(dense, s[1], s[2]);
        assertThat(dense.isReleased()).as("dense weight freed").isTrue();
        assertThat(prepacked.getShape()).isEqualTo(w.getShape());
        assertClose(inference.conv2d(x, prepacked, b, s[1], s[2]), expected);
        // training kernels leave weights as they are: autograd needs the dense tensor
        assertThat(fused.convolutionWeight(w, s[1], s[2])).isSameAs(w);
      }
    }
  }

  /** Gradients of one scalar that passes through every kernel, for each of the six inputs. */
  private static NDArray[] gradients(Kernels kernels, NDArray[] originals, NDArray mask) {
    NDArray[] inputs = new NDArray[originals.length];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = originals[i].duplicate();
      inputs[i].setRequiresGradient(true);
    }
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray x = inputs[0];
      NDArray normalized =
          kernels
              .groupNorm(x, 4, inputs[1], inputs[2], 1e-5f)
              .add(kernels.groupNormSilu(x, 8, inputs[1], inputs[2], 1e-6f));
      NDArray attended =
          kernels
              .attention(inputs[3], inputs[4], inputs[5], null)
              .add(kernels.attention(inputs[3], inputs[4], inputs[5], mask));
      collector.backward(normalized.square().sum().add(attended.square().sum()));
    }
    NDArray[] gradients = new NDArray[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      gradients[i] = inputs[i].getGradient();
    }
    return gradients;
  }

  private static void assertClose(NDArray a, NDArray b) {
    assertThat(a.getShape()).isEqualTo(b.getShape());
    float maxDiff = a.sub(b).abs().max().getFloat();
    assertThat(maxDiff).isLessThan(1e-4f);
  }
}
