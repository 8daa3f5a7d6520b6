package com.diffusionlab.compare;

import java.util.Objects;

/**
 * How far apart two images A and B are, in figures that go to JSON as they are.
 *
 * <p>Figures are pixel by pixel over the 8-bit RGB channels, so they exist only for images of the
 * same size. For images of different sizes ({@link #sizesDiffer}) the size and every pixel figure
 * are null and {@link #note} names both sizes; for images of the same size ({@link #measured})
 * every figure is present except {@link #psnr} for identical pixels, and the note is null.
 *
 * @param identicalBytes the two files are byte for byte the same
 * @param identicalPixels the decoded pixels are the same, even if the files are not (other metadata
 *     chunks, another compression)
 * @param width the width of both images, or null when their sizes differ
 * @param height the height of both images, or null when their sizes differ
 * @param maxAbsDifference the largest absolute difference of a channel, 0 to 255; null when the
 *     sizes differ
 * @param meanAbsDifference the mean absolute difference over every channel of every pixel, 0 to
 *     255; null when the sizes differ
 * @param psnr peak signal-to-noise ratio in dB with peak 255 over every channel; null when the
 *     pixels are identical (it would be infinite, which JSON cannot hold) or the sizes differ
 * @param ssim structural similarity (Wang et al. 2004, as {@code tf.image.ssim} computes it: 11×11
 *     Gaussian window, σ 1.5, windows wholly inside the image) averaged over the three channels,
 *     1.0 for identical pixels; a side under 11 pixels shrinks the window to that side. Null when
 *     the sizes differ
 * @param differingPixels how many pixels differ in at least one channel; null when the sizes differ
 * @param note why the figures are missing (the two sizes), or null when they are present
 */
public record ImageDifference(
    boolean identicalBytes,
    boolean identicalPixels,
    Integer width,
    Integer height,
    Integer maxAbsDifference,
    Double meanAbsDifference,
    Double psnr,
    Double ssim,
    Long differingPixels,
    String note) {

  private static final int MAX_LEVEL = 255;

  public ImageDifference {
    if (identicalBytes && !identicalPixels) {
      throw new IllegalArgumentException("identical bytes must decode to identical pixels");
    }
    if (note == null) {
      requireFigures(
          identicalPixels,
          width,
          height,
          maxAbsDifference,
          meanAbsDifference,
          psnr,
          ssim,
          differingPixels);
    } else if (identicalPixels
        || width != null
        || height != null
        || maxAbsDifference != null
        || meanAbsDifference != null
        || psnr != null
        || ssim != null
        || differingPixels != null) {
      throw new IllegalArgumentException(
          "a difference with a note has no figures and pixels that are not identical");
    }
  }

  /**
   * The figures of two images of the same size; {@code identicalPixels} is {@code differingPixels
   * == 0}.
   */
  public static ImageDifference measured(
      boolean identicalBytes,
      int width,
      int height,
      int maxAbsDifference,
      double meanAbsDifference,
      Double psnr,
      double ssim,
      long differingPixels) {
    return new ImageDifference(
        identicalBytes,
        differingPixels == 0,
        width,
        height,
        maxAbsDifference,
        meanAbsDifference,
        psnr,
        ssim,
        differingPixels,
        null);
  }

  /** Two images whose sizes differ: no figures, and a note such as "A is 64×64, B is 128×128". */
  public static ImageDifference sizesDiffer(int widthA, int heightA, int widthB, int heightB) {
    if (widthA == widthB && heightA == heightB) {
      throw new IllegalArgumentException(
          "both images are %d×%d; their sizes do not differ".formatted(widthA, heightA));
    }
    return new ImageDifference(
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "A is %d×%d, B is %d×%d; pixel figures need images of the same size"
            .formatted(widthA, heightA, widthB, heightB));
  }

  /** Whether the two images have the same size, hence figures. */
  public boolean sizesMatch() {
    return note == null;
  }

  private static void requireFigures(
      boolean identicalPixels,
      Integer width,
      Integer height,
      Integer maxAbsDifference,
      Double meanAbsDifference,
      Double psnr,
      Double ssim,
      Long differingPixels) {
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(maxAbsDifference, "maxAbsDifference");
    Objects.requireNonNull(meanAbsDifference, "meanAbsDifference");
    Objects.requireNonNull(ssim, "ssim");
    Objects.requireNonNull(differingPixels, "differingPixels");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size %d×%d is not positive".formatted(width, height));
    }
    if (maxAbsDifference < 0 || maxAbsDifference > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "maxAbsDifference is %d; it must be 0 to 255".formatted(maxAbsDifference));
    }
    if (differingPixels < 0 || differingPixels > (long) width * height) {
      throw new IllegalArgumentException(
          "differingPixels is %d; a %d×%d image has no more than %d"
              .formatted(differingPixels, width, height, (long) width * height));
    }
    if (identicalPixels != (differingPixels == 0) || identicalPixels != (maxAbsDifference == 0)) {
      throw new IllegalArgumentException(
          "identicalPixels is %b but %d pixels differ by at most %d"
              .formatted(identicalPixels, differingPixels, maxAbsDifference));
    }
    if (identicalPixels != (psnr == null)) {
      throw new IllegalArgumentException(
          "psnr must be null exactly when the pixels are identical, it is " + psnr);
    }
  }
}
