package com.diffusionlab.tracking;

import java.util.List;

/**
 * One field of {@link GenerationSettings} as the rest of the workspace sees it: the compare table's
 * rows, the sweep axes, the run query language, the export columns and the playground's labels and
 * bounds all read these.
 *
 * @param name the record component and JSON name, e.g. {@code clipSkip}
 * @param label how people read it, e.g. "Clip skip"
 * @param unit e.g. {@code px}; empty when the value has none
 * @param allowed what values are allowed, in words (error messages quote it)
 * @param choices the allowed values of a {@link Kind#CHOICE} field; empty otherwise
 * @param min smallest allowed number, or null
 * @param max largest allowed number, or null
 * @param sweepable whether a sweep axis may vary it
 * @param queryName its name in the run query language, or null when queries cannot test it
 */
public record SettingField(
    String name,
    String label,
    Kind kind,
    String unit,
    String allowed,
    List<String> choices,
    Double min,
    Double max,
    boolean sweepable,
    String queryName) {

  /** What sort of value a field holds. */
  public enum Kind {
    /** free text (prompts) */
    TEXT,
    /** a whole number ({@link Integer}, or {@link Long} for the seed) */
    INTEGER,
    /** a {@link Double} */
    DECIMAL,
    /** one of {@link #choices} */
    CHOICE,
    /** a model name or content hash */
    MODEL,
    /** an artifact hash of an uploaded image */
    IMAGE;

    public boolean numeric() {
      return this == INTEGER || this == DECIMAL;
    }
  }

  public SettingField {
    choices = List.copyOf(choices);
  }

  public boolean numeric() {
    return kind.numeric();
  }
}
