package com.diffusionlab.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.diffusionlab.engine.DeviceSpeed;
import com.diffusionlab.engine.nn.TorchScriptKernels;
import org.junit.jupiter.api.Test;

class DeviceProbeTest {

  /**
   * Wall-clock figures of a shared machine cannot be pinned down; what must hold is that both rates
   * come out positive and within what any CPU does (no division by a noisy zero).
   */
  @Test
  void measuresBothRatesOfTheCpu() {
    try (TorchScriptKernels kernels = TorchScriptKernels.forInference(Device.cpu())) {
      DeviceSpeed speed = new DeviceProbe(Device.cpu(), kernels).measure();

      assertThat(speed.flopsPerSecond()).isBetween(1e8, 1e13);
      assertThat(speed.secondsPerCall()).isBetween(0.0, 0.1);
    }
  }
}
