package com.diffusionlab.identity;

/** What an administrator changes in a user; null fields stay as they are. */
public record AccountChanges(Role role, Boolean enabled) {}
