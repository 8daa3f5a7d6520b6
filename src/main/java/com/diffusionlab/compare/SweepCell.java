package com.diffusionlab.compare;

import com.diffusionlab.engine.image.RgbImage;
import java.util.Objects;

/**
 * What a sweep grid shows in one cell: the run's image, or why there is none, which the grid prints
 * on a grey placeholder.
 */
public sealed interface SweepCell {

  /** A cell with its image, scaled to the cell size if it has another. */
  static SweepCell of(RgbImage image) {
    return new Generated(image);
  }

  /** A cell without an image, for a short reason such as {@code "failed"} or {@code "pending"}. */
  static SweepCell missing(String reason) {
    return new Missing(reason);
  }

  /** A generated image. */
  record Generated(RgbImage image) implements SweepCell {
    public Generated {
      Objects.requireNonNull(image, "image");
    }
  }

  /** No image, and the short reason shown instead. */
  record Missing(String reason) implements SweepCell {
    public Missing {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
