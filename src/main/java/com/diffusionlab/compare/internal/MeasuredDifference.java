package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.ImageDifference;
import com.diffusionlab.engine.image.RgbImage;
import java.util.Objects;

/**
 * The figures of two images and their difference heatmap.
 *
 * @param figures the figures; without pixel figures when the sizes differ
 * @param heatmap each pixel's largest channel difference in colour, of the images' size (all black
 *     for identical pixels); or null when the sizes differ
 */
public record MeasuredDifference(ImageDifference figures, RgbImage heatmap) {

  public MeasuredDifference {
    Objects.requireNonNull(figures, "figures");
    if (figures.sizesMatch() != (heatmap != null)) {
      throw new IllegalArgumentException(
          "a heatmap exists exactly when the sizes match, which they "
              + (figures.sizesMatch() ? "do" : "do not"));
    }
  }
}
