package com.diffusionlab.tracking;

/**
 * What a run was expected to need when it was submitted, beyond the expected seconds ({@link
 * Run#estimateSeconds()}): the band the seconds were expected to fall in, the peak memory and the
 * device-seconds, and what the estimate was based on. Null parts were not estimated (runs recorded
 * before estimates were kept, or imported from such a workspace).
 *
 * @param secondsLow the low end of the band (about the 10th percentile of what was expected)
 * @param secondsHigh its high end (about the 90th)
 * @param basis {@code HISTORY} (this configuration's own runs), {@code MODEL} (the model's runs in
 *     other configurations), {@code DEVICE} (other models on the device) or {@code PROBE} (the
 *     device's measured speed)
 */
public record RunEstimate(
    Double secondsLow,
    Double secondsHigh,
    Long peakMemoryBytes,
    Double deviceSeconds,
    String basis) {

  public static final RunEstimate NONE = new RunEstimate(null, null, null, null, null);
}
