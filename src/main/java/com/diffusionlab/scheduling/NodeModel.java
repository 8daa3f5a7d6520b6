package com.diffusionlab.scheduling;

/**
 * A model a node holds loaded in its model cache.
 *
 * @param contentHash the model version
 * @param bytes what its weights take on the node's device
 * @param inUse whether a job on the node uses it now
 */
public record NodeModel(String contentHash, String name, long bytes, boolean inUse) {}
