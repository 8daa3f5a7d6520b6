package com.diffusionlab.compare;

/**
 * Two stored images compared: their figures and the difference heatmap.
 *
 * @param heatmap artifact hash of the heatmap PNG (each pixel's largest channel difference,
 *     normalised to the pair's largest), or null when the sizes differ
 */
public record ImageComparison(String a, String b, ImageDifference figures, String heatmap) {}
