package com.diffusionlab.engine.image;

import static com.diffusionlab.engine.image.ResizeTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RgbImageTest {

  @Test
  void fromNormalizedChwMapsEndsAndClampsByHand() {
    // One pixel per value, planar: R plane, G plane, B plane, each of 3 pixels (width 3, height 1).
    float[] chw = {-1f, 1f, 0f, -1.5f, 2f, -0f, 1f, -1f, 0.5f};

    RgbImage image = RgbImage.fromNormalizedChw(chw, 3, 1);

    // (x/2 + 0.5)·255: -1 → 0, 1 → 255, 0 → 127.5 → 128, -1.5 → clamp 0, 2 → clamp 255,
    // 0.5 → 191.25 → 191.
    assertThat(image.rgb()).containsExactly(bytes(0, 0, 255, 255, 255, 0, 128, 128, 191));
  }

  @Test
  void fromNormalizedChwRoundsHalvesToEvenAsNumpy() {
    /*
     * numpy 1.x, float32: for these x, (x*0.5 + 0.5)*255 is exactly 64.5, 65.5 and 127.5;
     * np.round gives 64, 66, 128 (half to even); found with
     *   x = np.float32(2)*np.float32((k+0.5)/255) - np.float32(1), checking the product == k+0.5.
     * Also x = 0.3 → 166 and x = -0.3 → 89 from
     *   (np.clip(x*0.5+0.5, 0, 1)*255).round().astype("uint8").
     */
    float[] chw = {
      Float.intBitsToFloat(-1090716420),
      Float.intBitsToFloat(-1090979592),
      0.3f,
      -0.3f,
      0f,
      0f,
      0f,
      0f,
      0f
    };

    RgbImage image = RgbImage.fromNormalizedChw(chw, 3, 1);

    assertThat(image.rgb()[0]).isEqualTo((byte) 64);
    assertThat(image.rgb()[3]).isEqualTo((byte) 66);
    assertThat(image.rgb()[6] & 0xFF).isEqualTo(166);
    assertThat(image.rgb()[1] & 0xFF).isEqualTo(89);
  }

  @Test
  void fromNormalizedChwRefusesNanNamingThePosition() {
    float[] chw = new float[2 * 2 * 3];
    chw[4 + 3] = Float.NaN; // channel 1, pixel 3 = (x 1, y 1)

    assertThatThrownBy(() -> RgbImage.fromNormalizedChw(chw, 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channel 1, x 1, y 1 is NaN");
  }

  @Test
  void toNormalizedChwIsPlanarAndMatchesNumpyFloat32() {
    // numpy: 2*(np.array(v, uint8).astype(np.float32)/255.0) - 1 for v = 0, 1, 127, 128, 254, 255.
    RgbImage image = new RgbImage(2, 1, bytes(0, 1, 127, 128, 254, 255));

    float[] chw = image.toNormalizedChw();

    // Planes: R = (0, 128), G = (1, 254), B = (127, 255).
    assertThat(chw)
        .containsExactly(
            -1.0f,
            0.003921627998352051f,
            -0.9921568632125854f,
            0.9921568632125854f,
            -0.003921568393707275f,
            1.0f);
  }

  @Test
  void normalizedRoundTripIsLossless() {
    RgbImage image = new RgbImage(16, 16, PngWriterTest.lcg(16 * 16 * 3, 9));

    assertThat(RgbImage.fromNormalizedChw(image.toNormalizedChw(), 16, 16)).isEqualTo(image);
  }

  @Test
  void packedRgbRoundTripIgnoresAlpha() {
    RgbImage image = RgbImage.fromPackedRgb(2, 1, new int[] {0xFF102030, 0x00A0B0C0});

    assertThat(image.rgb()).containsExactly(bytes(0x10, 0x20, 0x30, 0xA0, 0xB0, 0xC0));
    assertThat(image.toPackedRgb()).containsExactly(0x102030, 0xA0B0C0);
  }

  @Test
  void validatesShapeAndComparesByContent() {
    assertThatThrownBy(() -> new RgbImage(2, 2, new byte[11]))
        .hasMessageContaining("RGB image of 2x2 needs 12 values (3 per pixel), got 11");
    assertThatThrownBy(() -> new RgbImage(0, 2, new byte[0])).hasMessageContaining("size 0x2");
    assertThatThrownBy(() -> RgbImage.fromNormalizedChw(new float[5], 1, 2))
        .hasMessageContaining("CHW tensor of 1x2 needs 6 values");
    assertThat(new RgbImage(1, 1, bytes(1, 2, 3))).isEqualTo(new RgbImage(1, 1, bytes(1, 2, 3)));
    assertThat(new RgbImage(1, 1, bytes(1, 2, 3)))
        .hasSameHashCodeAs(new RgbImage(1, 1, bytes(1, 2, 3)));
    assertThat(new RgbImage(1, 1, bytes(1, 2, 3))).isNotEqualTo(new RgbImage(1, 1, bytes(1, 2, 4)));
    assertThat(new RgbImage(3, 1, new byte[9])).isNotEqualTo(new RgbImage(1, 3, new byte[9]));
  }
}
