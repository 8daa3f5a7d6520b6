package com.diffusionlab.engine;

import com.diffusionlab.engine.image.RgbImage;

/** One image of a batch: its position, the seed that made it and its pixels. */
public record GeneratedImage(int index, long seed, RgbImage image) {}
