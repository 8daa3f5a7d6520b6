package com.diffusionlab.identity;

/**
 * A key just created, with its secret: the only time the secret is ever shown (the workspace keeps
 * its SHA-256 alone).
 */
public record IssuedApiKey(ApiKey key, String secret) {}
