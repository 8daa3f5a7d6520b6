package com.diffusionlab.engine.shapes;

/**
 * One shape the checker found, with the measurements its verdicts rest on. Lengths are in pixels.
 *
 * @param centreX x of its bounding box's centre
 * @param centreY y of its bounding box's centre
 * @param width bounding box width, to a fraction of a pixel
 * @param height bounding box height, to a fraction of a pixel
 * @param area its summed coverage: how many pixels it would fill exactly
 * @param extent the extent its shape's exact outline would have at this area
 * @param red the red channel of its core pixels (median)
 * @param green the green channel of its core pixels (median)
 * @param blue the blue channel of its core pixels (median)
 * @param colour the named colour its core pixels show (see {@link ShapeChecker})
 * @param colourConfidence 1 − best ÷ second-best colour score: 0 for a tie, 1 for an exact colour
 * @param centreCoverage coverage at its centroid: below ½ for a ring only
 * @param triangleScore its 3-fold symmetry moment as a fraction of an exact triangle's
 * @param squareScore its 4-fold symmetry moment as a fraction of an exact square's
 * @param starScore its 5-fold symmetry moment as a fraction of an exact star's
 * @param shape ring if the centre is open; else the cornered kind scoring highest, if it scores
 *     enough; else circle
 * @param shapeConfidence the margin to the threshold that decided the shape, from 0 (on it) to 1
 * @param size the size class of its extent
 */
public record DetectedObject(
    double centreX,
    double centreY,
    double width,
    double height,
    double area,
    double extent,
    double red,
    double green,
    double blue,
    NamedColour colour,
    double colourConfidence,
    double centreCoverage,
    double triangleScore,
    double squareScore,
    double starScore,
    ShapeKind shape,
    double shapeConfidence,
    SizeClass size) {}
