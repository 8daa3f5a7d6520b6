package com.diffusionlab.ui.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.ui.components.ImageCompare.Mode;
import org.junit.jupiter.api.Test;

class ImageCompareTest {

  @Test
  void startsAsAWipeWithTheDividerInTheMiddle() {
    ImageCompare compare = new ImageCompare();

    assertThat(compare.getMode()).isEqualTo(Mode.WIPE);
    assertThat(compare.getElement().getAttribute("mode")).isEqualTo("wipe");
    assertThat(compare.getPosition()).isEqualTo(0.5);
  }

  @Test
  void modesAreLowerCaseAttributes() {
    ImageCompare compare = new ImageCompare();
    for (Mode mode : Mode.values()) {
      compare.setMode(mode);
      assertThat(compare.getElement().getAttribute("mode")).isEqualTo(mode.name().toLowerCase());
      assertThat(compare.getMode()).isEqualTo(mode);
    }
  }

  @Test
  void imagesAndLabelsAreAttributes() {
    ImageCompare compare = new ImageCompare();
    compare.setImages("artifacts/a.png", "run 12 · seed 7", "artifacts/b.png", null);
    compare.setHeatmap("artifacts/heat.png");
    compare.setHeatmapMax(37);

    var element = compare.getElement();
    assertThat(element.getAttribute("src-a")).isEqualTo("artifacts/a.png");
    assertThat(element.getAttribute("label-a")).isEqualTo("run 12 · seed 7");
    assertThat(element.getAttribute("src-b")).isEqualTo("artifacts/b.png");
    assertThat(element.getAttribute("label-b")).isEmpty();
    assertThat(element.getAttribute("heatmap")).isEqualTo("artifacts/heat.png");
    assertThat(element.getAttribute("heatmap-max")).isEqualTo("37");
  }

  @Test
  void imagesAreRequired() {
    ImageCompare compare = new ImageCompare();
    assertThatThrownBy(() -> compare.setImages(null, "a", "b.png", "b"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> compare.setHeatmap(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void thePositionIsAShareOfTheWidth() {
    ImageCompare compare = new ImageCompare();
    compare.setPosition(0.25);
    assertThat(compare.getPosition()).isEqualTo(0.25);
    compare.setPosition(1);
    assertThat(compare.getPosition()).isEqualTo(1.0);

    assertThatThrownBy(() -> compare.setPosition(1.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> compare.setPosition(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> compare.setPosition(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theHeatmapMaximumIsAChannelDifference() {
    ImageCompare compare = new ImageCompare();
    compare.setHeatmapMax(0);
    compare.setHeatmapMax(255);
    assertThat(compare.getElement().getAttribute("heatmap-max")).isEqualTo("255");

    assertThatThrownBy(() -> compare.setHeatmapMax(256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> compare.setHeatmapMax(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
