package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.ImageDifference;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.ImageInputException;
import com.diffusionlab.engine.image.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Measures how far apart two images are ({@link ImageDifference}) and draws where they differ: a
 * heatmap of each pixel's largest channel difference, scaled to the image's own largest so that the
 * one-level differences of a replay on another device show.
 *
 * <p>SSIM is computed as {@link StructuralSimilarity} describes; every figure is deterministic.
 * Identical pixels skip the SSIM computation (it is 1.0 by definition) and identical files are
 * decoded once.
 */
public final class ImageDifferenceCalculator {
  private static final int CHANNELS = 3;
  private static final double PEAK = 255;

  private final ImageFiles images;
  private final DifferenceColourMap colours = new DifferenceColourMap();

  /**
   * @param maxPixels the largest width × height decoded; larger images are refused before their
   *     pixels are read
   */
  public ImageDifferenceCalculator(long maxPixels) {
    images = new ImageFiles(maxPixels);
  }

  /**
   * Compares two encoded images (PNG or JPEG), byte for byte and then pixel by pixel.
   *
   * @throws ImageInputException naming image A or B when one cannot be decoded or is too large
   */
  public MeasuredDifference compare(byte[] encodedA, byte[] encodedB) {
    RgbImage a = decode(encodedA, "A");
    if (Arrays.equals(encodedA, encodedB)) {
      return measure(a, a, true);
    }
    return measure(a, decode(encodedB, "B"), false);
  }

  /**
   * Compares two decoded images pixel by pixel; with no files to compare, {@code identicalBytes} is
   * false.
   */
  public MeasuredDifference compare(RgbImage a, RgbImage b) {
    return measure(a, b, false);
  }

  private RgbImage decode(byte[] encoded, String which) {
    try {
      return images.readRgb(new ByteArrayInputStream(encoded));
    } catch (ImageInputException e) {
      throw new ImageInputException("image " + which + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageInputException("image " + which + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private MeasuredDifference measure(RgbImage a, RgbImage b, boolean identicalBytes) {
    int width = a.width();
    int height = a.height();
    if (width != b.width() || height != b.height()) {
      return new MeasuredDifference(
          ImageDifference.sizesDiffer(width, height, b.width(), b.height()), null);
    }
    byte[] rgbA = a.rgb();
    byte[] rgbB = b.rgb();
    byte[] pixelDifferences = new byte[width * height];
    int max = 0;
    long absoluteSum = 0;
    long squareSum = 0;
    long differing = 0;
    for (int p = 0, i = 0; p < pixelDifferences.length; p++, i += CHANNELS) {
      int red = Math.abs((rgbA[i] & 0xFF) - (rgbB[i] & 0xFF));
      int green = Math.abs((rgbA[i + 1] & 0xFF) - (rgbB[i + 1] & 0xFF));
      int blue = Math.abs((rgbA[i + 2] & 0xFF) - (rgbB[i + 2] & 0xFF));
      int largest = Math.max(red, Math.max(green, blue));
      pixelDifferences[p] = (byte) largest;
      max = Math.max(max, largest);
      absoluteSum += red + green + blue;
      squareSum += red * red + green * green + blue * blue;
      if (largest > 0) {
        differing++;
      }
    }
    double samples = (double) rgbA.length;
    boolean identicalPixels = differing == 0;
    Double psnr = identicalPixels ? null : 10 * Math.log10(PEAK * PEAK / (squareSum / samples));
    double ssim = identicalPixels ? 1.0 : StructuralSimilarity.mean(a, b);
    ImageDifference figures =
        ImageDifference.measured(
            identicalBytes, width, height, max, absoluteSum / samples, psnr, ssim, differing);
    return new MeasuredDifference(figures, colours.render(width, height, pixelDifferences, max));
  }
}
