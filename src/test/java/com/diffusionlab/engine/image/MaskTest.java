package com.diffusionlab.engine.image;

import static com.diffusionlab.engine.image.ResizeTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaskTest {

  @Test
  void unitFloatsAreLevelsOver255() {
    Mask mask = new Mask(3, 1, bytes(0, 51, 255));

    assertThat(mask.toUnitFloats()).containsExactly(0f, 0.2f, 1f);
  }

  @Test
  void binarizeSplitsAtOneHalfAsDiffusers() {
    // diffusers: mask < 0.5 → 0 else 1; 127/255 = 0.498, 128/255 = 0.502.
    Mask mask = new Mask(4, 1, bytes(0, 127, 128, 255));

    assertThat(mask.binarize().levels()).containsExactly(bytes(0, 0, 255, 255));
  }

  @Test
  void validatesShape() {
    assertThatThrownBy(() -> new Mask(3, 2, new byte[5]))
        .hasMessageContaining("mask of 3x2 needs 6 values (1 per pixel), got 5");
  }
}
