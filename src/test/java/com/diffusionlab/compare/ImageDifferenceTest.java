package com.diffusionlab.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageDifferenceTest {

  @Test
  void sizesDifferNamesBothSizesAndHasNoFigures() {
    ImageDifference difference = ImageDifference.sizesDiffer(64, 64, 128, 96);

    assertThat(difference.sizesMatch()).isFalse();
    assertThat(difference.note())
        .isEqualTo("A is 64×64, B is 128×96; pixel figures need images of the same size");
    assertThat(difference.identicalPixels()).isFalse();
    assertThat(difference.width()).isNull();
    assertThat(difference.height()).isNull();
    assertThat(difference.ssim()).isNull();
  }

  @Test
  void sizesDifferRefusesEqualSizes() {
    assertThatThrownBy(() -> ImageDifference.sizesDiffer(64, 64, 64, 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64×64");
  }

  @Test
  void measuredPixelsAreIdenticalExactlyWhenNoneDiffers() {
    ImageDifference same = ImageDifference.measured(false, 8, 8, 0, 0, null, 1, 0);
    ImageDifference apart = ImageDifference.measured(false, 8, 8, 3, 0.5, 40.2, 0.99, 7);

    assertThat(same.identicalPixels()).isTrue();
    assertThat(same.sizesMatch()).isTrue();
    assertThat(same.note()).isNull();
    assertThat(apart.identicalPixels()).isFalse();
  }

  @Test
  void psnrIsNullExactlyForIdenticalPixels() {
    assertThatThrownBy(() -> ImageDifference.measured(false, 8, 8, 0, 0, 99.0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("psnr");
    assertThatThrownBy(() -> ImageDifference.measured(false, 8, 8, 3, 0.5, null, 0.99, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("psnr");
  }

  @Test
  void identicalBytesNeedIdenticalPixels() {
    assertThatThrownBy(() -> ImageDifference.measured(true, 8, 8, 3, 0.5, 40.2, 0.99, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identical bytes");
  }

  @Test
  void figuresAreRefusedWhenTheyContradictEachOther() {
    assertThatThrownBy(() -> ImageDifference.measured(false, 8, 8, 0, 0.5, 40.2, 0.99, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7 pixels differ by at most 0");
    assertThatThrownBy(() -> ImageDifference.measured(false, 8, 8, 3, 0.5, 40.2, 0.99, 65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no more than 64");
    assertThatThrownBy(() -> ImageDifference.measured(false, 8, 8, 256, 0.5, 40.2, 0.99, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 255");
  }
}
