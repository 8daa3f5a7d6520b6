package com.diffusionlab.identity;

/** A user as the other modules see it. */
public record LabUser(long id, String username, Role role) {}
