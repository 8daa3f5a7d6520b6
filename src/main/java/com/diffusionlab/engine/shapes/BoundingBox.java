package com.diffusionlab.engine.shapes;

/**
 * An object's bounding box to a fraction of a pixel: each column's (row's) largest coverage, summed
 * over the columns (rows) of the object's foreground pixels and one beyond each side, is the width
 * (height); the coverage-weighted mean column (row) is the centre.
 */
record BoundingBox(double centreX, double centreY, double width, double height) {

  static BoundingBox of(ForegroundSegmentation image, int[] pixels, Coverage coverage) {
    int size = image.size();
    int x0 = size;
    int y0 = size;
    int x1 = -1;
    int y1 = -1;
    for (int p : pixels) {
      x0 = Math.min(x0, p % size);
      y0 = Math.min(y0, p / size);
      x1 = Math.max(x1, p % size);
      y1 = Math.max(y1, p / size);
    }
    x0 = Math.max(0, x0 - 1);
    y0 = Math.max(0, y0 - 1);
    x1 = Math.min(size - 1, x1 + 1);
    y1 = Math.min(size - 1, y1 + 1);
    double[] columns = new double[size];
    double[] rows = new double[size];
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double clipped = Math.clamp(coverage.at(y * size + x), 0, 1);
        columns[x] = Math.max(columns[x], clipped);
        rows[y] = Math.max(rows[y], clipped);
      }
    }
    double width = 0;
    double momentX = 0;
    for (int x = x0; x <= x1; x++) {
      width += columns[x];
      momentX += columns[x] * (x + 0.5);
    }
    double height = 0;
    double momentY = 0;
    for (int y = y0; y <= y1; y++) {
      height += rows[y];
      momentY += rows[y] * (y + 0.5);
    }
    return new BoundingBox(momentX / width, momentY / height, width, height);
  }
}
