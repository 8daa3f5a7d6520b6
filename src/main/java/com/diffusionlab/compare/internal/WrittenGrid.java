package com.diffusionlab.compare.internal;

/**
 * What {@link SweepGridPng#write} wrote.
 *
 * @param width the PNG's width in pixels
 * @param height the PNG's height in pixels
 * @param rowsWritten the pixel rows the PNG encoder took, which it checks equal {@code height}
 * @param bufferBytes the size of the one pixel buffer drawn in, {@link GridGeometry#bufferBytes}
 */
public record WrittenGrid(int width, int height, int rowsWritten, long bufferBytes) {}
