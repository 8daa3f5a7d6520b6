package com.diffusionlab.engine.shapes;

import com.diffusionlab.engine.image.RgbImage;
import java.util.Objects;

/**
 * One item of the dataset.
 *
 * @param index its place in the dataset's sequence
 * @param scene what the image shows
 * @param caption a description of the scene in the caption grammar, possibly leaving out size,
 *     position or background
 * @param image the rendered scene, {@link ShapeScene#IMAGE_SIZE} pixels square
 */
public record ShapeSample(long index, ShapeScene scene, String caption, RgbImage image) {

  public ShapeSample {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(image, "image");
  }
}
