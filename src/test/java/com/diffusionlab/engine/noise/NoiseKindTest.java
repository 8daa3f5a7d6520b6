package com.diffusionlab.engine.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoiseKindTest {

  @Test
  void parsesTheStoredNames() {
    assertThat(NoiseKind.parse("philox")).isEqualTo(NoiseKind.PHILOX);
    assertThat(NoiseKind.parse(" Torch-CPU ")).isEqualTo(NoiseKind.TORCH_CPU);
    assertThat(NoiseKind.TORCH_CPU.id()).isEqualTo("torch-cpu");
  }

  @Test
  void rejectsUnknownNamesListingTheAllowedOnes() {
    assertThatThrownBy(() -> NoiseKind.parse("gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gpu'")
        .hasMessageContaining("philox, torch-cpu");
    assertThatThrownBy(() -> NoiseKind.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createsTheMatchingGenerator() {
    assertThat(NoiseKind.PHILOX.create(9).randn(20)).isEqualTo(new PhiloxGenerator(9).randn(20));
    assertThat(NoiseKind.TORCH_CPU.create(9).randn(20))
        .isEqualTo(new TorchCpuGenerator(9).randn(20));
  }
}
