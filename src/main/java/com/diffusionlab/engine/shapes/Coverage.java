package com.diffusionlab.engine.shapes;

/**
 * How much of a pixel one object covers, reading the pixel as a blend of background and object
 * colour: its offset from the background projected on the line to the object colour, 0 at the
 * background and 1 at the object colour. Not clamped, so that noise on background pixels averages
 * out of sums.
 */
final class Coverage {

  private final ForegroundSegmentation image;
  private final double[] direction = new double[3];
  private final double lengthSquared;

  Coverage(ForegroundSegmentation image, double[] objectColour) {
    this.image = image;
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      direction[c] = objectColour[c] - image.background(c);
      sum += direction[c] * direction[c];
    }
    // an object is foreground, so its colour lies at least the foreground distance away
    this.lengthSquared = Math.max(sum, 1);
  }

  double at(int p) {
    double dot = 0;
    for (int c = 0; c < 3; c++) {
      dot += (image.channel(c, p) - image.background(c)) * direction[c];
    }
    return dot / lengthSquared;
  }

  /** Coverage interpolated bilinearly between pixel centres (at i + ½) to the point (x, y). */
  double interpolated(double x, double y) {
    int size = image.size();
    double u = Math.clamp(x - 0.5, 0, size - 1);
    double v = Math.clamp(y - 0.5, 0, size - 1);
    int x0 = (int) u;
    int y0 = (int) v;
    int x1 = Math.min(x0 + 1, size - 1);
    int y1 = Math.min(y0 + 1, size - 1);
    double fx = u - x0;
    double fy = v - y0;
    double top = (1 - fx) * at(y0 * size + x0) + fx * at(y0 * size + x1);
    double bottom = (1 - fx) * at(y1 * size + x0) + fx * at(y1 * size + x1);
    return (1 - fy) * top + fy * bottom;
  }
}
