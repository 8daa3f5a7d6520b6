package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.GenerationSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One generation of a sweep: its place in the grid and its settings.
 *
 * @param x index into the X axis's values
 * @param y index into the Y axis's values; 0 when there is no Y axis
 * @param z index into the Z axis's values; 0 when there is no Z axis
 * @param settings the base settings with this cell's axis values applied
 * @param axisValues each axis's field and value label, in X, Y, Z order
 */
public record SweepCell(
    int x, int y, int z, GenerationSettings settings, Map<String, String> axisValues) {

  public SweepCell {
    axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(axisValues));
  }

  /** The axis values as a caption, e.g. {@code sampler=euler, seed=1}. */
  public String label() {
    return axisValues.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
