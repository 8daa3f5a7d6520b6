package com.diffusionlab.tracking;

import java.util.Set;

/** What to change in an experiment; null fields stay as they are. */
public record ExperimentChanges(String name, String description, Set<String> tags) {}
