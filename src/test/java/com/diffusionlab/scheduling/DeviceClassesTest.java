package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceClassesTest {

  @Test
  void cpuGpuAndNoneAreAllowed() {
    assertThat(DeviceClasses.require("deviceClass", "cpu")).isEqualTo("cpu");
    assertThat(DeviceClasses.require("deviceClass", "gpu")).isEqualTo("gpu");
    assertThat(DeviceClasses.require("deviceClass", null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GPU", "tpu", "gpu:0", " cpu", "<b>gpu</b>", "any"})
  void anythingElseIsRefusedNamingTheFieldTheValueAndWhatIsAllowed(String value) {
    assertThatThrownBy(() -> DeviceClasses.require("deviceClass", value))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(new FieldError("deviceClass", value, DeviceClasses.ALLOWED)));
    assertThat(DeviceClasses.known(value)).isFalse();
  }

  @Test
  void theRefusalUsesTheCallersNameForTheField() {
    assertThatThrownBy(() -> DeviceClasses.require("--device-class", "x".repeat(10_000)))
        .hasMessageStartingWith("--device-class=xxx")
        .hasMessageEndingWith("cpu, gpu, or none (absent or null) for any device");
  }

  @Test
  void noValueIsNoKnownClass() {
    assertThat(DeviceClasses.known(null)).isFalse();
    assertThat(DeviceClasses.known("cpu")).isTrue();
  }
}
