package com.diffusionlab.scheduling;

/**
 * Where a run's job stands in the queue and what it asks of a worker.
 *
 * @param waiting whether it waits for a worker (false once claimed, or when it is not queued)
 * @param deviceClass the class of device it must run on, or null for any
 * @param modelHash its model version, which workers holding it loaded prefer
 * @param reason why no worker will take it now (no responding worker serves its device class), or
 *     null when one can
 */
public record JobWait(
    long runId, boolean waiting, String deviceClass, String modelHash, String reason) {}
