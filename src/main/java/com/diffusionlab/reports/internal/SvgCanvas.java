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
    start("svg");
    attribute("class", "chart");
    attribute("width", width);
    attribute("height", height);
    attribute("viewBox", "0 0 " + width + " " + height);
    attribute("role", "img");
    attribute("font-family", "system-ui, sans-serif");
    attribute("font-size", "11");
    attribute("fill", "#1f2328");
    out.append("><title>").append(Html.escape(title)).append("</title>");
  }

  void close() throws IOException {
    out.append("</svg>");
  }

  void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed)
      throws IOException {
    start("line");
    attribute("x1", x1);
    attribute("y1", y1);
    attribute("x2", x2);
    attribute("y2", y2);
    attribute("stroke", stroke);
    attribute("stroke-width", width);
    if (dashed) {
      attribute("stroke-dasharray", "4 3");
    }
    out.append("/>");
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
    start("text");
    attribute("x", x);
    attribute("y", y);
    attribute("text-anchor", anchor);
    out.append(attributes).append('>').append(Html.escape(text)).append("</text>");
  }

  /** A data point; {@code tooltip} shows on hover. */
  void circle(double x, double y, double radius, String fill, String tooltip) throws IOException {
    start("circle");
    attribute("class", "point");
    attribute("cx", x);
    attribute("cy", y);
    attribute("r", radius);
    attribute("fill", fill);
    attribute("fill-opacity", "0.8");
    attribute("stroke", "#ffffff");
    attribute("stroke-width", "0.6");
    out.append('>');
    tooltip(tooltip);
    out.append("</circle>");
  }

  /** A legend's dot: like a point, but not one. */
  void dot(double x, double y, double radius, String fill) throws IOException {
    start("circle");
    attribute("cx", x);
    attribute("cy", y);
    attribute("r", radius);
    attribute("fill", fill);
    out.append("/>");
  }

  void rect(double x, double y, double width, double height, String fill, double opacity)
      throws IOException {
    start("rect");
    attribute("x", x);
    attribute("y", y);
    attribute("width", width);
    attribute("height", height);
    attribute("fill", fill);
    attribute("fill-opacity", opacity);
    out.append("/>");
  }

  /** A data line through the points {@code x0, y0, x1, y1, …}. */
  void polyline(double[] points, String stroke, double width, double opacity, String tooltip)
      throws IOException {
    start("polyline");
    attribute("class", "series");
    attribute("points", points(points));
    attribute("fill", "none");
    attribute("stroke", stroke);
    attribute("stroke-width", width);
    attribute("stroke-opacity", opacity);
    attribute("stroke-linejoin", "round");
    out.append('>');
    tooltip(tooltip);
    out.append("</polyline>");
  }

  /** A filled area bounded by the points {@code x0, y0, x1, y1, …}. */
  void polygon(double[] points, String fill, double opacity, String tooltip) throws IOException {
    start("polygon");
    attribute("class", "band");
    attribute("points", points(points));
    attribute("fill", fill);
    attribute("fill-opacity", opacity);
    attribute("stroke", "none");
    out.append('>');
    tooltip(tooltip);
    out.append("</polygon>");
  }

  private void start(String element) throws IOException {
    out.append('<').append(element);
  }

  /** {@code value} is the caller's own markup (colours, keywords), not user text. */
  private void attribute(String name, String value) throws IOException {
    out.append(' ').append(name).append("=\"").append(value).append('"');
  }

  private void attribute(String name, double value) throws IOException {
    attribute(name, number(value));
  }

  private static String points(double[] points) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < points.length; i += 2) {
      joined
          .append(i == 0 ? "" : " ")
          .append(number(points[i]))
          .append(',')
          .append(number(points[i + 1]));
    }
    return joined.toString();
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
