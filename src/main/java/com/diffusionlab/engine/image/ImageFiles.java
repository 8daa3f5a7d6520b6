package com.diffusionlab.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads PNG and JPEG files into {@link RgbImage}s (init images) and {@link Mask}s, with the pixel
 * values Pillow gives, which AUTOMATIC1111 and diffusers use.
 *
 * <p>The header is read first and an image whose width × height exceeds the limit is refused before
 * any pixel is decoded. Samples are taken as stored: no colour management (Pillow applies none),
 * grey replicated to RGB, alpha dropped, 16-bit samples reduced to their high byte as Pillow's PNG
 * decoder does, and no EXIF orientation applied. Other formats are refused so that only the two
 * most exercised decoders see hostile files.
 */
public final class ImageFiles {
  private static final Set<String> FORMATS = Set.of("png", "jpeg");
  private static final int OPAQUE = 0xFF;

  private final long maxPixels;

  /**
   * @param maxPixels the largest width × height accepted
   */
  public ImageFiles(long maxPixels) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels is " + maxPixels + "; it must be at least 1");
    }
    this.maxPixels = maxPixels;
  }

  /** Reads a PNG or JPEG file as RGB. */
  public RgbImage readRgb(Path file) throws IOException {
    return decode(file).toRgbImage();
  }

  /** Reads a PNG or JPEG stream as RGB; the stream stays open. */
  public RgbImage readRgb(InputStream in) throws IOException {
    return decode(in).toRgbImage();
  }

  /**
   * Reads a mask, white = repaint: the alpha channel when the image has one that is not fully
   * opaque (AUTOMATIC1111's rule for RGBA masks), otherwise the luma as Pillow's {@code
   * convert("L")} computes it ({@code (19595 R + 38470 G + 7471 B + 32768) >> 16}).
   */
  public Mask readMask(Path file) throws IOException {
    return decode(file).toMask();
  }

  /** Reads a mask from a PNG or JPEG stream as {@link #readMask(Path)}; the stream stays open. */
  public Mask readMask(InputStream in) throws IOException {
    return decode(in).toMask();
  }

  private Decoded decode(Path file) throws IOException {
    try (ImageInputStream input = new FileImageInputStream(file.toFile())) {
      return decode(input, file.toString());
    }
  }

  private Decoded decode(InputStream in) throws IOException {
    // A memory cache, not ImageIO.createImageInputStream: that one follows the global cache flag.
    try (ImageInputStream input = new MemoryCacheImageInputStream(in)) {
      return decode(input, "image stream");
    }
  }

  private Decoded decode(ImageInputStream input, String name) throws IOException {
    ImageReader reader = readerFor(input, name);
    try {
      reader.setInput(input, true, true);
      String format = reader.getFormatName().toUpperCase(Locale.ROOT);
      int width;
      int height;
      try {
        width = reader.getWidth(0);
        height = reader.getHeight(0);
      } catch (IOException | RuntimeException e) {
        throw undecodable(name, format, "header", e);
      }
      long pixels = (long) width * height;
      if (pixels > maxPixels) {
        throw new ImageInputException(
            "%s: the %s image is %dx%d = %d pixels, above the limit of %d pixels"
                .formatted(name, format, width, height, pixels, maxPixels));
      }
      BufferedImage image;
      try {
        image = reader.read(0);
      } catch (IOException | RuntimeException e) {
        throw undecodable(name, format, "image", e);
      }
      return Decoded.of(image, name);
    } finally {
      reader.dispose();
    }
  }

  // The JDK decoders report hostile data with assorted runtime exceptions, not only IOException.
  private static ImageInputException undecodable(
      String name, String format, String part, Exception cause) {
    return new ImageInputException(
        "%s: cannot decode the %s %s: %s".formatted(name, format, part, cause.getMessage()), cause);
  }

  private static ImageReader readerFor(ImageInputStream input, String name) {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
    while (readers.hasNext()) {
      ImageReader reader = readers.next();
      try {
        if (FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
          return reader;
        }
      } catch (IOException e) {
        reader.dispose();
        throw new ImageInputException(name + ": cannot identify the image format", e);
      }
      reader.dispose();
    }
    throw new ImageInputException(name + ": not a PNG or JPEG image (the formats accepted)");
  }

  /** Decoded samples: RGB always, alpha only when the image has an alpha channel. */
  private record Decoded(int width, int height, byte[] rgb, byte[] alpha) {

    static Decoded of(BufferedImage image, String name) {
      ColorModel model = image.getColorModel();
      if (model instanceof ComponentColorModel) {
        return fromSamples(image, model, name);
      }
      // Palette and packed models: getRGB is exact for them.
      int width = image.getWidth();
      int height = image.getHeight();
      int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
      byte[] alpha = null;
      if (model.hasAlpha()) {
        alpha = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
          alpha[i] = (byte) (argb[i] >>> 24);
        }
      }
      return new Decoded(width, height, RgbImage.fromPackedRgb(width, height, argb).rgb(), alpha);
    }

    // getRGB would run these through Java's colour management (linear grey, embedded profiles),
    // which Pillow never does: the stored samples are taken instead.
    private static Decoded fromSamples(BufferedImage image, ColorModel model, String name) {
      int colorSpace = model.getColorSpace().getType();
      int colors = model.getNumColorComponents();
      boolean supported =
          (colorSpace == ColorSpace.TYPE_GRAY && colors == 1)
              || (colorSpace == ColorSpace.TYPE_RGB && colors == 3);
      if (!supported) {
        throw new ImageInputException(
            "%s: colour space type %d with %d components is not supported; convert it to RGB or grey"
                .formatted(name, colorSpace, colors));
      }
      Raster raster = image.getRaster();
      int width = image.getWidth();
      int height = image.getHeight();
      int plane = width * height;
      byte[] rgb = new byte[plane * 3];
      int[] samples = new int[plane];
      for (int c = 0; c < 3; c++) {
        int band = colors == 1 ? 0 : c;
        raster.getSamples(0, 0, width, height, band, samples);
        int bits = model.getComponentSize(band);
        for (int p = 0; p < plane; p++) {
          rgb[p * 3 + c] = to8Bits(samples[p], bits);
        }
      }
      byte[] alpha = null;
      if (model.hasAlpha()) {
        alpha = new byte[plane];
        raster.getSamples(0, 0, width, height, colors, samples);
        int bits = model.getComponentSize(colors);
        for (int p = 0; p < plane; p++) {
          alpha[p] = to8Bits(samples[p], bits);
        }
      }
      return new Decoded(width, height, rgb, alpha);
    }

    private static byte to8Bits(int sample, int bits) {
      if (bits > 8) {
        return (byte) (sample >>> (bits - 8));
      }
      return (byte) (sample * 255 / ((1 << bits) - 1));
    }

    RgbImage toRgbImage() {
      return new RgbImage(width, height, rgb);
    }

    Mask toMask() {
      if (alpha != null && !allOpaque(alpha)) {
        return new Mask(width, height, alpha);
      }
      byte[] luma = new byte[width * height];
      for (int p = 0; p < luma.length; p++) {
        int r = rgb[p * 3] & 0xFF;
        int g = rgb[p * 3 + 1] & 0xFF;
        int b = rgb[p * 3 + 2] & 0xFF;
        luma[p] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
      }
      return new Mask(width, height, luma);
    }

    private static boolean allOpaque(byte[] alpha) {
      for (byte a : alpha) {
        if ((a & 0xFF) != OPAQUE) {
          return false;
        }
      }
      return true;
    }
  }
}
