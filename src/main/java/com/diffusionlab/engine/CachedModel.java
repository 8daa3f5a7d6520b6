package com.diffusionlab.engine;

/**
 * A model the engine holds loaded between generations.
 *
 * @param contentHash its version (SHA-256 over weights and configs)
 * @param bytes what its weights take on the device
 * @param inUse whether a generation uses it now (a model in use is never evicted)
 */
public record CachedModel(String contentHash, String name, long bytes, boolean inUse) {}
