package com.diffusionlab.compare;

import com.diffusionlab.engine.image.RgbImage;
import java.util.Objects;

/**
 * What a sweep grid shows in one cell: the run's image, or why there is none, which the grid prints
 * on a grey placeholder.
 */
public sealed interface GridCell {

  /** A cell with its image, scaled to the cell size if it has another. */
  static GridCell of(RgbImage image) {
    return new Generated(image);
  }

  /** A cell without an image, for a short reason such as {@code "failed"} or {@code "pending"}. */
  static GridCell missing(String reason) {
    return new Missing(reason);
  }

  /** A generated image. */
  record Generated(RgbImage image) implements GridCell {
    public Generated {
      Objects.requireNonNull(image, "image");
    }
  }

  /** No image, and the short reason shown instead. */
  record Missing(String reason) implements GridCell {
    public Missing {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
