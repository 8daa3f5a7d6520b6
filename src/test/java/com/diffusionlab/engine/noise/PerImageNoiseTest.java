package com.diffusionlab.engine.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerImageNoiseTest {

  @Test
  void eachBatchImageEqualsItsSeedRunAlone() {
    PerImageNoise noise = PerImageNoise.consecutiveSeeds(NoiseKind.TORCH_CPU, 41, 3);

    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        NDArray batch = noise.next(manager, new Shape(3, 4, 8, 6))) {
      assertThat(batch.getShape()).isEqualTo(new Shape(3, 4, 8, 6));
      assertThat(batch.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(batch.getDevice()).isEqualTo(Device.cpu());
      float[] all = batch.toFloatArray();
      int perImage = 4 * 8 * 6;
      for (int i = 0; i < 3; i++) {
        assertThat(Arrays.copyOfRange(all, i * perImage, (i + 1) * perImage))
            .as("image %d", i)
            .containsExactly(new TorchCpuGenerator(41 + i).randn(4, 8, 6));
      }
    }
  }

  @Test
  void laterDrawsContinueEachImageStream() {
    PerImageNoise noise =
        new PerImageNoise(List.of(new PhiloxGenerator(5), new PhiloxGenerator(100)));
    PhiloxGenerator alone = new PhiloxGenerator(100);
    alone.randn(2, 3, 3);

    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      noise.next(manager, new Shape(2, 2, 3, 3));
      float[] second = noise.next(manager, new Shape(2, 2, 3, 3)).toFloatArray();

      assertThat(Arrays.copyOfRange(second, 18, 36)).containsExactly(alone.randn(2, 3, 3));
    }
  }

  @Test
  void rejectsShapesThatDoNotFitTheBatch() {
    PerImageNoise noise = PerImageNoise.consecutiveSeeds(NoiseKind.PHILOX, 0, 2);

    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      assertThatThrownBy(() -> noise.next(manager, new Shape(3, 4, 8, 8)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("batch = 2")
          .hasMessageContaining("(3, 4, 8, 8)");
      assertThatThrownBy(() -> noise.next(manager, new Shape(2, 64)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new PerImageNoise(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PerImageNoise.consecutiveSeeds(NoiseKind.PHILOX, 0, 0))
        .hasMessageContaining("batchSize");
  }
}
