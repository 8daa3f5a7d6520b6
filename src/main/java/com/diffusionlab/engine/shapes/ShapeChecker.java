package com.diffusionlab.engine.shapes;

import com.diffusionlab.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a shape image with plain image analysis: nothing learnt, nothing from the model under test.
 *
 * <ol>
 *   <li>{@link ForegroundSegmentation}: the background colour from the border, objects as connected
 *       pixels far from it, specks dropped. The background's name is the nearest named colour.
 *   <li>Colour ({@link ColourReading}): the median of an object's core pixels (those nearly as far
 *       from the background as its farthest), named as the blend of background and a named colour
 *       that explains it best.
 *   <li>Coverage ({@link Coverage}): every pixel on and around the object gets its place on the RGB
 *       line from background to object colour, so antialiased and blurred edges count by the
 *       fraction they cover; the sum is the object's area.
 *   <li>Shape ({@link ShapeReading}): a ring leaves its centroid uncovered; otherwise the {@link
 *       ShapeMoments} symmetry measures tell a triangle (3-fold), square (4-fold) and star (5-fold)
 *       from a circle (none), whatever the rotation.
 *   <li>Size: the extent the kind's exact outline would have at the measured area, which blur and
 *       noise leave nearly unchanged.
 *   <li>Position: where the mean of the objects' bounding-box centres lies ({@link Position#of}).
 * </ol>
 *
 * The group's colour, shape and size are those all objects share. Thread-safe.
 */
public final class ShapeChecker {

  /** Core pixels are at least this fraction of the object's 90th-percentile distance away. */
  private static final double CORE_FRACTION = 0.8;

  private static final double CORE_PERCENTILE = 0.9;

  /** How far around an object's foreground pixels its antialiased fringe is looked for. */
  private static final int FRINGE = 2;

  /**
   * Pixels covered less than this are left out of the symmetry moments: there they would be mostly
   * noise, which their long lever arm (distance to the power 3 to 5) would magnify.
   */
  private static final double MIN_MOMENT_COVERAGE = 0.2;

  private final Map<ShapeKind, ShapeMoments> outlines = ShapeMoments.ofOutlines();

  /**
   * Checks one image of the dataset's size.
   *
   * @throws IllegalArgumentException if the image is not {@link ShapeScene#IMAGE_SIZE} pixels
   *     square
   */
  public CheckResult check(RgbImage image) {
    Objects.requireNonNull(image, "image");
    int size = ShapeScene.IMAGE_SIZE;
    if (image.width() != size || image.height() != size) {
      throw new IllegalArgumentException(
          "image is %dx%d, the checker reads %dx%d images"
              .formatted(image.width(), image.height(), size, size));
    }
    ForegroundSegmentation segmentation = new ForegroundSegmentation(image);
    double[] background = segmentation.background();
    List<DetectedObject> objects = new ArrayList<>();
    for (int label = 1; label <= segmentation.objects().size(); label++) {
      objects.add(measure(segmentation, label));
    }
    Optional<Position> position = Optional.empty();
    if (!objects.isEmpty()) {
      double x = objects.stream().mapToDouble(DetectedObject::centreX).average().orElseThrow();
      double y = objects.stream().mapToDouble(DetectedObject::centreY).average().orElseThrow();
      position = Optional.of(Position.of(x, y, size));
    }
    return new CheckResult(
        NamedColour.nearest(background[0], background[1], background[2]),
        objects,
        position,
        notes(segmentation, objects));
  }

  private DetectedObject measure(ForegroundSegmentation image, int label) {
    int size = image.size();
    int[] pixels = image.objects().get(label - 1);
    double[] core = coreColour(image, pixels);
    Coverage coverage = new Coverage(image, core);

    boolean[] region = fringe(image, pixels, label);
    double[] xs = new double[region.length];
    double[] ys = new double[region.length];
    double[] weights = new double[region.length];
    int count = 0;
    double area = 0;
    for (int p = 0; p < region.length; p++) {
      if (region[p]) {
        double alpha = coverage.at(p);
        area += alpha;
        if (alpha >= MIN_MOMENT_COVERAGE) {
          xs[count] = p % size + 0.5;
          ys[count] = p / size + 0.5;
          weights[count] = alpha;
          count++;
        }
      }
    }
    ShapeMoments moments = ShapeMoments.of(xs, ys, weights, count);
    ShapeReading shape =
        ShapeReading.of(
            moments, coverage.interpolated(moments.centroidX(), moments.centroidY()), outlines);
    double extent = Math.sqrt(Math.max(area, 0) / outlines.get(shape.kind()).area());
    BoundingBox box = BoundingBox.of(image, pixels, coverage);
    ColourReading colour = ColourReading.of(image.background(), core);
    return new DetectedObject(
        box.centreX(),
        box.centreY(),
        box.width(),
        box.height(),
        area,
        extent,
        core[0],
        core[1],
        core[2],
        colour.colour(),
        colour.confidence(),
        shape.centreCoverage(),
        shape.triangleScore(),
        shape.squareScore(),
        shape.starScore(),
        shape.kind(),
        shape.confidence(),
        SizeClass.ofExtent(extent));
  }

  /** Per-channel median of the pixels furthest from the background: the object's own colour. */
  private static double[] coreColour(ForegroundSegmentation image, int[] pixels) {
    double[] distances = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      distances[i] = Math.sqrt(image.distanceSquared(pixels[i]));
    }
    double[] sorted = distances.clone();
    Arrays.sort(sorted);
    double cut = CORE_FRACTION * sorted[(int) (CORE_PERCENTILE * (sorted.length - 1))];
    double[] core = new double[3];
    float[] values = new float[pixels.length];
    for (int c = 0; c < 3; c++) {
      int n = 0;
      for (int i = 0; i < pixels.length; i++) {
        if (distances[i] >= cut) {
          values[n++] = image.channel(c, pixels[i]);
        }
      }
      core[c] = ForegroundSegmentation.median(values, n);
    }
    return core;
  }

  /**
   * The object's pixels and those within {@link #FRINGE} of them that belong to no other object:
   * where its antialiased edge can lie.
   */
  private static boolean[] fringe(ForegroundSegmentation image, int[] pixels, int label) {
    int size = image.size();
    boolean[] region = new boolean[size * size];
    for (int p : pixels) {
      int x = p % size;
      int y = p / size;
      for (int ny = Math.max(0, y - FRINGE); ny <= Math.min(size - 1, y + FRINGE); ny++) {
        for (int nx = Math.max(0, x - FRINGE); nx <= Math.min(size - 1, x + FRINGE); nx++) {
          int q = ny * size + nx;
          region[q] = image.label(q) == 0 || image.label(q) == label;
        }
      }
    }
    return region;
  }

  private static List<String> notes(
      ForegroundSegmentation segmentation, List<DetectedObject> objects) {
    List<String> notes = new ArrayList<>();
    if (segmentation.specks() > 0) {
      notes.add(
          "ignored %d speck(s) under %d pixels"
              .formatted(segmentation.specks(), ForegroundSegmentation.MIN_OBJECT_PIXELS));
    }
    noteDisagreement(notes, objects, "colour", object -> object.colour().word());
    noteDisagreement(notes, objects, "shape", object -> object.shape().word());
    noteDisagreement(notes, objects, "size", object -> object.size().word());
    return notes;
  }

  private static void noteDisagreement(
      List<String> notes,
      List<DetectedObject> objects,
      String attribute,
      Function<DetectedObject, String> value) {
    List<String> values = objects.stream().map(value).distinct().toList();
    if (values.size() > 1) {
      notes.add("objects differ in " + attribute + ": " + String.join(", ", values));
    }
  }
}
