package com.diffusionlab.artifacts;

/** A stored file, addressed by the SHA-256 of its bytes. */
public record Artifact(
    String sha256, String mediaType, long sizeBytes, Integer width, Integer height) {}
