package com.diffusionlab.tracking;

/** An experiment a run belongs to, by id and name. */
public record ExperimentRef(long id, String name) {}
