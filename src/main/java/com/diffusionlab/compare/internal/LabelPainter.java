package com.diffusionlab.compare.internal;

import com.diffusionlab.engine.image.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Measures and draws a sweep grid's text with Java2D: the JDK's logical {@link Font#SANS_SERIF}
 * font, greyscale antialiasing and fractional metrics, each label drawn into an image just large
 * enough for it. Text too wide for its space loses its end to an ellipsis.
 *
 * <p>Only {@link BufferedImage}s are drawn on, which needs no display: it works with {@code
 * java.awt.headless=true} (Spring Boot sets it; on Linux it is the default without a {@code
 * DISPLAY}). The JDK maps the logical font to a system font through fontconfig and Temurin ships no
 * font files of its own, so the machine needs fontconfig and at least one font (on Debian, {@code
 * fonts-dejavu-core}); without any, Java2D fails with "No physical fonts found".
 */
final class LabelPainter {
  /** The label size for a cell size, as a fraction of the cell's mean side, and its bounds. */
  private static final double SIZE_PER_SIDE = 1 / 16.0;

  private static final int MIN_SIZE = 12;
  private static final int MAX_SIZE = 96;

  /** The context {@link Graphics2D} has with the hints set in {@link #paint}. */
  private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

  private static final String ELLIPSIS = "\u2026";
  private static final String ASCII_ELLIPSIS = "...";

  /** Room for glyphs that reach a little outside their advance, on each side. */
  private static final int BLEED = 1;

  private final int labelSize;
  private final Map<LabelStyle, Font> fonts = new EnumMap<>(LabelStyle.class);

  /** Fonts sized for cells of {@code cellWidth × cellHeight}. */
  LabelPainter(int cellWidth, int cellHeight) {
    labelSize =
        (int)
            Math.clamp(
                Math.round((cellWidth + cellHeight) / 2.0 * SIZE_PER_SIDE), MIN_SIZE, MAX_SIZE);
    for (LabelStyle style : LabelStyle.values()) {
      fonts.put(style, style.font(labelSize));
    }
  }

  /** The font size of column and row labels, in pixels. */
  int labelSize() {
    return labelSize;
  }

  /** The space kept around text, in pixels. */
  int padding() {
    return Math.max(2, labelSize / 4);
  }

  /** The height of a line in {@code style}, ascent plus descent, rounded up. */
  int lineHeight(LabelStyle style) {
    LineMetrics metrics = fonts.get(style).getLineMetrics("Ag", CONTEXT);
    return (int) Math.ceil(metrics.getAscent() + metrics.getDescent());
  }

  /** The width an image of {@code text} takes, before any ellipsis; 0 for blank text. */
  int width(String text, LabelStyle style) {
    String clean = clean(text);
    return clean.isEmpty() ? 0 : advance(clean, fonts.get(style)) + 2 * BLEED;
  }

  /**
   * {@code text} in {@code foreground} on {@code background} (both {@code 0xRRGGBB}), {@link
   * #lineHeight} high and at most {@code maxWidth} wide, its end replaced by an ellipsis if needed;
   * empty if the text is blank or not even the ellipsis fits.
   */
  Optional<RgbImage> paint(
      String text, LabelStyle style, int maxWidth, int foreground, int background) {
    Font font = fonts.get(style);
    String fitted = fit(clean(text), font, maxWidth - 2 * BLEED);
    if (fitted.isEmpty()) {
      return Optional.empty();
    }
    int width = advance(fitted, font) + 2 * BLEED;
    int height = lineHeight(style);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(new Color(background));
      graphics.fillRect(0, 0, width, height);
      graphics.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      graphics.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.setColor(new Color(foreground));
      graphics.setFont(font);
      graphics.drawString(fitted, BLEED, font.getLineMetrics(fitted, CONTEXT).getAscent());
    } finally {
      graphics.dispose();
    }
    int[] packed = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    return Optional.of(RgbImage.fromPackedRgb(width, height, packed));
  }

  /** Line breaks and other control characters would draw as boxes: they become spaces. */
  private static String clean(String text) {
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return clean.toString().strip();
  }

  /** The longest start of {@code text}, with an ellipsis if shortened, that fits {@code width}. */
  private static String fit(String text, Font font, int width) {
    if (text.isEmpty() || advance(text, font) <= width) {
      return text;
    }
    String ellipsis = font.canDisplay(ELLIPSIS.charAt(0)) ? ELLIPSIS : ASCII_ELLIPSIS;
    int codePoints = text.codePointCount(0, text.length());
    // Binary search for the most code points kept; widths grow with the prefix.
    int low = -1;
    int high = codePoints;
    while (high - low > 1) {
      int middle = (low + high) >>> 1;
      if (advance(shortened(text, middle, ellipsis), font) <= width) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return low < 0 ? "" : shortened(text, low, ellipsis);
  }

  private static String shortened(String text, int codePoints, String ellipsis) {
    return text.substring(0, text.offsetByCodePoints(0, codePoints)).stripTrailing() + ellipsis;
  }

  private static int advance(String text, Font font) {
    return (int) Math.ceil(font.getStringBounds(text, CONTEXT).getWidth());
  }
}
