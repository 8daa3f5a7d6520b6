package com.diffusionlab.tracking;

/**
 * Whether a replay reproduced its original, recorded with the replay's completion so that nobody
 * sees a finished replay without its verdict.
 *
 * @param exactly every image's pixels are identical
 * @param note how far apart the images are and the likely cause, or that they are identical
 */
public record Reproduction(boolean exactly, String note) {}
