package com.diffusionlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.diffusionlab.engine.EngineSettings;
import org.junit.jupiter.api.Test;

/** The model cache's budget as configured: sizes with units or in bytes, refused when nonsense. */
class EngineConfigurationTest {

  @Test
  void aBudgetIsASizeWithAUnitOrInBytes() {
    assertThat(EngineConfiguration.modelCacheBytes("8GB")).isEqualTo(8L << 30);
    assertThat(EngineConfiguration.modelCacheBytes(" 512MB ")).isEqualTo(512L << 20);
    assertThat(EngineConfiguration.modelCacheBytes("1000")).isEqualTo(1000);
  }

  @Test
  void aBudgetOfNothingOrOfNonsenseIsRefusedNamingTheSetting() {
    for (String bad : new String[] {"0", "-1GB", "lots", "8 parsecs"}) {
      assertThatThrownBy(() -> EngineConfiguration.modelCacheBytes(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "dlab.engine.model-cache-bytes='"
                  + bad
                  + "' is not allowed: a size of more than 0, in bytes or with a unit (512MB, 8GB)");
    }
  }

  @Test
  void theDefaultBudgetIsAShareOfTheDevicesMemory() {
    long budget = EngineSettings.defaultModelCacheBytes(Device.cpu());
    assertThat(budget).isPositive();
    assertThat(EngineSettings.on(Device.cpu()).modelCacheBytes()).isEqualTo(budget);
  }
}
