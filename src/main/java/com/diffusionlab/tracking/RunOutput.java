package com.diffusionlab.tracking;

/**
 * One image of a run.
 *
 * @param sha256 the PNG file (with its parameters) in the artifact store
 * @param pixelSha256 the pixels alone: what replays compare, independent of PNG encoding
 * @param thumbnail a small PNG for grids
 */
public record RunOutput(
    int index, long seed, String sha256, String pixelSha256, String thumbnail) {}
