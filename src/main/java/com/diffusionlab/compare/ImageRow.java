package com.diffusionlab.compare;

import com.diffusionlab.tracking.RunOutput;
import java.util.List;

/**
 * The images that share a seed, one per compared run (null where a run has no image with that
 * seed): batches are paired image by image.
 */
public record ImageRow(long seed, List<RunOutput> outputs) {}
