package com.diffusionlab.tracking;

import java.util.List;

/** Where a run's time went, in seconds; null parts were not measured (e.g. a failed run). */
public record RunTimings(
    Double queueWait,
    Double load,
    Double tokenize,
    Double encode,
    Double sampling,
    Double decode,
    Double total,
    List<Double> steps) {}
