package com.diffusionlab.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ResnetBlockTest {

  @Test
  void aConsumingCallGivesTheSameBitsAndFreesItsInput() {
    for (long out : new long[] {8, 16}) { // without and with the shortcut convolution
      try (NDManager manager = NDManager.newBaseManager();
          Kernels kernels = new NativeKernels()) {
        ResnetBlock block =
            new ResnetBlock(
                Params.root(new RandomParameters(manager, DataType.FLOAT32, 3), kernels),
                8,
                out,
                0,
                4,
                1e-6f);
        NDArray kept = manager.randomNormal(new Shape(1, 8, 6, 6));
        NDArray handedOver = kept.duplicate();

        float[] expected = block.forward(kept, null).toFloatArray();
        float[] actual = block.forwardConsuming(handedOver, null).toFloatArray();

        assertThat(actual).as("out %d", out).containsExactly(expected);
        assertThat(handedOver.isReleased()).isTrue();
        assertThat(kept.isReleased()).isFalse();
      }
    }
  }

  @Test
  void aConsumingUpsamplerGivesTheSameBitsAndFreesItsInput() {
    try (NDManager manager = NDManager.newBaseManager();
        Kernels kernels = new NativeKernels()) {
      Resampling.Up up =
          new Resampling.Up(
              Params.root(new RandomParameters(manager, DataType.FLOAT32, 5), kernels), 4);
      NDArray kept = manager.randomNormal(new Shape(1, 4, 3, 5));
      NDArray handedOver = kept.duplicate();

      NDArray expected = up.forward(kept);
      NDArray actual = up.forwardConsuming(handedOver);

      assertThat(actual.getShape()).isEqualTo(new Shape(1, 4, 6, 10));
      assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
      assertThat(handedOver.isReleased()).isTrue();
    }
  }
}
