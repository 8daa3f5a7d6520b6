package com.diffusionlab.engine.image;

/**
 * Bounds that keep {@link PngMetadataReader} safe on hostile files.
 *
 * @param maxTextChunkBytes largest text chunk (stored bytes) read
 * @param maxInflatedTextBytes largest text one compressed chunk may inflate to
 * @param maxTotalTextBytes largest sum of all text bytes of a file, after inflation
 * @param maxTextChunks most text chunks in one file
 */
public record PngReadLimits(
    int maxTextChunkBytes, int maxInflatedTextBytes, long maxTotalTextBytes, int maxTextChunks) {

  private static final int MIB = 1 << 20;

  public PngReadLimits {
    requirePositive("maxTextChunkBytes", maxTextChunkBytes);
    requirePositive("maxInflatedTextBytes", maxInflatedTextBytes);
    requirePositive("maxTotalTextBytes", maxTotalTextBytes);
    requirePositive("maxTextChunks", maxTextChunks);
  }

  /**
   * 1 MiB per chunk stored and inflated (Pillow's own per-chunk cap), 16 MiB of text and 1024 text
   * chunks per file: ample for ComfyUI workflows, far below what would strain the heap.
   */
  public static PngReadLimits defaults() {
    return new PngReadLimits(MIB, MIB, 16L * MIB, 1024);
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " is " + value + "; it must be at least 1");
    }
  }
}
