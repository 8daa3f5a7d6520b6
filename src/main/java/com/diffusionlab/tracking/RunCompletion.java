package com.diffusionlab.tracking;

import java.util.List;

/** What a finished generation reports back to its run. */
public record RunCompletion(
    String engineVersion,
    String device,
    String precision,
    RunTimings timings,
    long peakRssBytes,
    long peakDeviceBytes,
    double deviceSeconds,
    double cost,
    List<String> warnings,
    List<RunOutput> outputs) {}
