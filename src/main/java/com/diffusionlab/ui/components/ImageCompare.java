package com.diffusionlab.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Synchronize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.Locale;
import java.util.Objects;

/**
 * Two images A and B of one comparison, drawn large at the same scale with sharp pixels, in the
 * browser ({@code frontend/components/image-compare.js}): a wipe with a divider the user drags, a
 * flicker between the two, or the difference heatmap with its legend. Zoom and pan (wheel, pinch,
 * drag; double-click resets) apply to every image alike. As wide as its container and at most 75%
 * of the window's height (CSS {@code --dlab-compare-max-height}).
 */
@Tag("dlab-image-compare")
@JsModule("./components/image-compare.js")
public class ImageCompare extends Component implements HasSize {
  private static final double MIDDLE = 0.5;

  /** How the two images are shown. */
  public enum Mode {
    /** A left of a draggable divider, B right of it. */
    WIPE,
    /** A and B in turn, every half second, with a label naming the one shown. */
    FLICKER,
    /** The difference heatmap with a legend from 0 to the largest difference. */
    HEATMAP
  }

  public ImageCompare() {
    setMode(Mode.WIPE);
    getElement().setProperty("position", MIDDLE);
  }

  /** The two images and the labels shown with them (such as "run 12 · seed 7"). */
  public void setImages(String urlA, String labelA, String urlB, String labelB) {
    getElement()
        .setAttribute("src-a", Objects.requireNonNull(urlA, "urlA"))
        .setAttribute("label-a", Objects.requireNonNullElse(labelA, ""))
        .setAttribute("src-b", Objects.requireNonNull(urlB, "urlB"))
        .setAttribute("label-b", Objects.requireNonNullElse(labelB, ""));
  }

  /** The difference heatmap, an image of A's size, shown in {@link Mode#HEATMAP}. */
  public void setHeatmap(String url) {
    getElement().setAttribute("heatmap", Objects.requireNonNull(url, "url"));
  }

  /**
   * The difference the heatmap's brightest colour (white) stands for, on the legend's right end:
   * the largest absolute channel difference, 0 to 255.
   */
  public void setHeatmapMax(int maxDifference) {
    if (maxDifference < 0 || maxDifference > 255) {
      throw new IllegalArgumentException("a channel difference is 0 to 255, not " + maxDifference);
    }
    getElement().setAttribute("heatmap-max", Integer.toString(maxDifference));
  }

  public void setMode(Mode mode) {
    getElement().setAttribute("mode", mode.name().toLowerCase(Locale.ROOT));
  }

  public Mode getMode() {
    return Mode.valueOf(getElement().getAttribute("mode").toUpperCase(Locale.ROOT));
  }

  /** Where the wipe divider is, from 0 (left edge: all B) to 1 (right edge: all A). */
  @Synchronize(property = "position", value = "position-changed")
  public double getPosition() {
    return getElement().getProperty("position", MIDDLE);
  }

  /** Moves the wipe divider, from 0 (left edge: all B) to 1 (right edge: all A). */
  public void setPosition(double position) {
    if (!(position >= 0 && position <= 1)) {
      throw new IllegalArgumentException("a divider position is 0 to 1, not " + position);
    }
    getElement().setProperty("position", position);
  }

  /** Zooms back out to the whole image. */
  public void resetZoom() {
    getElement().callJsFunction("resetZoom");
  }
}
