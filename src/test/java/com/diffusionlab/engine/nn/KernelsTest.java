package com.diffusionlab.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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

  private static void assertClose(NDArray a, NDArray b) {
    assertThat(a.getShape()).isEqualTo(b.getShape());
    float maxDiff = a.sub(b).abs().max().getFloat();
    assertThat(maxDiff).isLessThan(1e-4f);
  }
}
