package com.diffusionlab.reports.internal;

import java.io.IOException;

/**
 * Writes the elements of a chart as inline SVG: coordinates rounded to a tenth of a unit (enough
 * for a 640-unit drawing, and it keeps thousands of points small), text escaped. Styling is in
 * presentation attributes so that a chart looks the same outside the report's stylesheet.
 */
final class SvgCanvas {

  private final Appendable out;

  SvgCanvas(Appendable out) {
    this.out = out;
  }

  /** Starts an SVG of fixed size that scales with its container; {@code title} names it. */
  void open(int width, int height, String title) throws IOException {
    out.append("<svg class=\"chart\" width=\"")
        .append(Integer.toString(width))
        .append("\" height=\"")
        .append(Integer.toString(height))
        .append("\" viewBox=\"0 0 ")
        .append(Integer.toString(width))
        .append(' ')
        .append(Integer.toString(height))
        .append("\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"11\"")
        .append(" fill=\"#1f2328\"><title>")
        .append(Html.escape(title))
        .append("</title>");
  }

  void close() throws IOException {
    out.append("</svg>");
  }

  void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed)
      throws IOException {
    out.append("<line x1=\"")
        .append(number(x1))
        .append("\" y1=\"")
        .append(number(y1))
        .append("\" x2=\"")
        .append(number(x2))
        .append("\" y2=\"")
        .append(number(y2))
        .append("\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"")
        .append(number(width))
        .append(dashed ? "\" stroke-dasharray=\"4 3\"/>" : "\"/>");
  }

  /**
   * @param anchor {@code start}, {@code middle} or {@code end}
   */
  void text(double x, double y, String anchor, String text) throws IOException {
    text(x, y, anchor, "", text);
  }

  void boldText(double x, double y, String anchor, String text) throws IOException {
    text(x, y, anchor, " font-weight=\"600\" font-size=\"13\"", text);
  }

  /** Text outlined in white, legible on top of data lines. */
  void haloText(double x, double y, String anchor, String text) throws IOException {
    text(
        x,
        y,
        anchor,
        " paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\"",
        text);
  }

  /** Text read bottom to top, centred on (x, y): a y axis title. */
  void verticalText(double x, double y, String text) throws IOException {
    text(x, y, "middle", " transform=\"rotate(-90 " + number(x) + " " + number(y) + ")\"", text);
  }

  private void text(double x, double y, String anchor, String attributes, String text)
      throws IOException {
    out.append("<text x=\"")
        .append(number(x))
        .append("\" y=\"")
        .append(number(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append('"')
        .append(attributes)
        .append('>')
        .append(Html.escape(text))
        .append("</text>");
  }

  /** A data point; {@code tooltip} shows on hover. */
  void circle(double x, double y, double radius, String fill, String tooltip) throws IOException {
    out.append("<circle class=\"point\" cx=\"")
        .append(number(x))
        .append("\" cy=\"")
        .append(number(y))
        .append("\" r=\"")
        .append(number(radius))
        .append("\" fill=\"")
        .append(fill)
        .append("\" fill-opacity=\"0.8\" stroke=\"#ffffff\" stroke-width=\"0.6\">");
    tooltip(tooltip);
    out.append("</circle>");
  }

  /** A legend's dot: like a point, but not one. */
  void dot(double x, double y, double radius, String fill) throws IOException {
    out.append("<circle cx=\"")
        .append(number(x))
        .append("\" cy=\"")
        .append(number(y))
        .append("\" r=\"")
        .append(number(radius))
        .append("\" fill=\"")
        .append(fill)
        .append("\"/>");
  }

  void rect(double x, double y, double width, double height, String fill, double opacity)
      throws IOException {
    out.append("<rect x=\"")
        .append(number(x))
        .append("\" y=\"")
        .append(number(y))
        .append("\" width=\"")
        .append(number(width))
        .append("\" height=\"")
        .append(number(height))
        .append("\" fill=\"")
        .append(fill)
        .append("\" fill-opacity=\"")
        .append(number(opacity))
        .append("\"/>");
  }

  /** A data line through the points {@code x0, y0, x1, y1, …}. */
  void polyline(double[] points, String stroke, double width, double opacity, String tooltip)
      throws IOException {
    out.append("<polyline class=\"series\" points=\"");
    points(points);
    out.append("\" fill=\"none\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"")
        .append(number(width))
        .append("\" stroke-opacity=\"")
        .append(number(opacity))
        .append("\" stroke-linejoin=\"round\">");
    tooltip(tooltip);
    out.append("</polyline>");
  }

  /** A filled area bounded by the points {@code x0, y0, x1, y1, …}. */
  void polygon(double[] points, String fill, double opacity, String tooltip) throws IOException {
    out.append("<polygon class=\"band\" points=\"");
    points(points);
    out.append("\" fill=\"")
        .append(fill)
        .append("\" fill-opacity=\"")
        .append(number(opacity))
        .append("\" stroke=\"none\">");
    tooltip(tooltip);
    out.append("</polygon>");
  }

  private void points(double[] points) throws IOException {
    for (int i = 0; i < points.length; i += 2) {
      out.append(i == 0 ? "" : " ")
          .append(number(points[i]))
          .append(',')
          .append(number(points[i + 1]));
    }
  }

  private void tooltip(String tooltip) throws IOException {
    if (tooltip != null && !tooltip.isEmpty()) {
      out.append("<title>").append(Html.escape(tooltip)).append("</title>");
    }
  }

  /** Rounded to a tenth, without a needless ".0": SVG needs no more, and files stay small. */
  static String number(double value) {
    long tenths = Math.round(value * 10);
    long whole = tenths / 10;
    long fraction = Math.abs(tenths % 10);
    if (fraction == 0) {
      return Long.toString(whole);
    }
    return (tenths < 0 && whole == 0 ? "-" : "") + whole + "." + fraction;
  }
}
