package com.diffusionlab.compare;

import java.util.List;

/**
 * One row of a comparison's table: a setting or a figure, its value for each run (as people read
 * them; "–" where there is none), and whether the values differ.
 *
 * @param name the field catalogue's name, or a figure's name such as {@code timings.sampling}
 */
public record SettingRow(String name, String label, List<String> values, boolean differs) {

  static SettingRow of(String name, String label, List<String> values) {
    return new SettingRow(name, label, values, values.stream().distinct().count() > 1);
  }
}
