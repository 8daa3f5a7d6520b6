package com.diffusionlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResizeTest {

  @Test
  void boxAveragesPairsAndRoundsHalvesUpByHand() {
    // Shrinking 4 → 2 with a box: each output is the mean of two inputs, + 0.5 then floored.
    Mask mask = new Mask(4, 1, bytes(10, 20, 30, 41));

    assertThat(mask.resize(2, 1, ResizeFilter.BOX).levels()).containsExactly(bytes(15, 36));
  }

  @Test
  void bilinearDoublingByHand() {
    // 2 → 4: centres at 0.25, 0.75, 1.25, 1.75 source pixels. The outer ones see one source pixel
    // (the other lies outside the image and is dropped, weights renormalised); the inner ones
    // weigh 0.75 / 0.25: 100 · 0.25 = 25, 100 · 0.75 = 75 (x.5 + 0.5 rounding gives 25.5 → 25).
    Mask mask = new Mask(2, 1, bytes(0, 100));

    assertThat(mask.resize(4, 1, ResizeFilter.BILINEAR).levels())
        .containsExactly(bytes(0, 25, 75, 100));
  }

  @Test
  void verticalPassRunsAfterHorizontalByHand() {
    // 2×2 → 1×1 box. Horizontal pass, rounded to 8 bits: (10 + 20) / 2 = 15 and
    // (30 + 41) / 2 = 35.5 → 36. Vertical pass: (15 + 36) / 2 = 25.5 → 26. A single 2-D average
    // would give (10 + 20 + 30 + 41) / 4 = 25.25 → 25.
    Mask mask = new Mask(2, 2, bytes(10, 20, 30, 41));

    assertThat(mask.resize(1, 1, ResizeFilter.BOX).levels()).containsExactly(bytes(26));
  }

  /*
   * Expected pixels from Pillow 9.4.0 (Debian python3-pil), the resizer AUTOMATIC1111 and
   * diffusers use:
   *   im = Image.new("RGB", (5, 4)); im.putdata([((x*37+y*91)%256, 255 if (x+y)%2 else 0,
   *       (x*y*29+17)%256) for y in range(4) for x in range(5)])
   *   list(im.resize((w, h), Image.LANCZOS).tobytes())   # and BICUBIC, BILINEAR, BOX
   * The 0/255 checkerboard in green makes Lanczos and bicubic overshoot, exercising clipping.
   */
  @Test
  void lanczosShrinkMatchesPillow() {
    assertThat(source().resize(3, 2, ResizeFilter.LANCZOS).rgb())
        .containsExactly(
            bytes(
                81, 122, 21, 112, 130, 52, 165, 122, 93, 124, 133, 47, 85, 125, 135, 116, 133,
                154));
  }

  @Test
  void lanczosEnlargeMatchesPillow() {
    assertThat(source().resize(7, 6, ResizeFilter.LANCZOS).rgb())
        .containsExactly(
            bytes(
                0, 0, 17, 12, 180, 16, 42, 225, 15, 61, 0, 13, 84, 225, 12, 118, 180, 10, 137, 0, 9,
                28, 146, 16, 42, 121, 22, 86, 116, 32, 133, 146, 39, 160, 116, 41, 190, 121, 49,
                209, 146, 55, 117, 239, 15, 141, 90, 33, 158, 59, 63, 150, 239, 86, 170, 59, 117,
                208, 90, 152, 226, 239, 169, 184, 16, 14, 236, 165, 41, 177, 196, 86, 15, 16, 122,
                22, 196, 177, 79, 165, 234, 91, 16, 255, 93, 109, 13, 130, 134, 48, 112, 139, 129,
                32, 109, 169, 46, 139, 115, 92, 134, 131, 108, 109, 189, 0, 255, 12, 13, 75, 50, 57,
                30, 156, 104, 255, 195, 130, 30, 45, 160, 75, 22, 180, 255, 105));
  }

  @Test
  void bicubicMixedScalingMatchesPillow() {
    assertThat(source().resize(3, 5, ResizeFilter.BICUBIC).rgb())
        .containsExactly(
            bytes(
                9, 104, 17, 70, 126, 14, 131, 104, 12, 71, 140, 23, 147, 128, 55, 213, 140, 86, 170,
                128, 32, 113, 128, 107, 139, 128, 192, 162, 115, 44, 56, 127, 138, 68, 115, 191, 23,
                151, 57, 93, 129, 137, 156, 151, 63));
  }

  @Test
  void bilinearAndBoxMatchPillow() {
    assertThat(source().resize(8, 2, ResizeFilter.BILINEAR).rgb())
        .containsExactly(
            bytes(
                65, 109, 17, 81, 125, 26, 102, 143, 39, 102, 121, 52, 114, 121, 65, 137, 143, 78,
                160, 125, 91, 176, 109, 100, 98, 146, 17, 114, 130, 46, 130, 112, 87, 85, 134, 129,
                75, 134, 136, 98, 112, 109, 121, 130, 144, 137, 146, 172));
    assertThat(source().resize(2, 2, ResizeFilter.BOX).rgb())
        .containsExactly(bytes(83, 128, 32, 176, 128, 68, 94, 128, 90, 102, 128, 143));
  }

  @Test
  void greyMaskLanczosMatchesPillow() {
    // Pillow: g = Image.new("L", (4, 3)); g.putdata([...below...]); g.resize((6, 5), Image.LANCZOS)
    Mask mask = new Mask(4, 3, bytes(0, 255, 0, 255, 30, 60, 90, 120, 255, 0, 255, 0));

    assertThat(mask.resize(6, 5, ResizeFilter.LANCZOS).levels())
        .containsExactly(
            bytes(
                4, 160, 255, 14, 110, 255, 0, 105, 187, 22, 105, 224, 28, 41, 66, 84, 109, 122, 183,
                76, 15, 195, 134, 26, 255, 120, 16, 254, 150, 0));
  }

  @Test
  void sameSizeIsAnEqualCopyAndTheSourceIsUntouched() {
    RgbImage source = source();
    byte[] before = source.rgb().clone();

    RgbImage same = source.resize(5, 4, ResizeFilter.LANCZOS);
    source.resize(9, 2, ResizeFilter.LANCZOS);

    assertThat(same).isEqualTo(source);
    assertThat(same.rgb()).isNotSameAs(source.rgb());
    assertThat(source.rgb()).isEqualTo(before);
  }

  @Test
  void refusesEmptyTargets() {
    assertThatThrownBy(() -> source().resize(0, 4, ResizeFilter.BOX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resize target size 0x4");
  }

  private static RgbImage source() {
    return PngWriterTest.gradient(5, 4);
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
