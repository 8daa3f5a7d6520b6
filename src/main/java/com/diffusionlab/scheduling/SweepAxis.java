package com.diffusionlab.scheduling;

import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.SettingField;
import java.util.List;

/**
 * One axis of a sweep: a setting and the values it takes, in order.
 *
 * @param field a {@link GenerationFields#sweepable()} field's name, or {@link #PROMPT_SR}
 * @param values typed as {@link GenerationFields#parse} returns them (Integer, Long, Double or
 *     String); for {@link #PROMPT_SR}, the text searched for first and then its replacements
 */
public record SweepAxis(String field, List<Object> values) {

  /**
   * AUTOMATIC1111's "Prompt S/R": the first value is searched for in the prompt and each value
   * replaces it, so the first cell keeps the prompt as written.
   */
  public static final String PROMPT_SR = "prompt_sr";

  public static final int MAX_VALUES = 1000;

  /**
   * @throws IllegalArgumentException for a field no axis may vary, no values or more than {@link
   *     #MAX_VALUES}
   */
  public SweepAxis {
    if (!sweepable(field)) {
      throw new IllegalArgumentException("'" + field + "' cannot be a sweep axis");
    }
    if (values.isEmpty() || values.size() > MAX_VALUES) {
      throw new IllegalArgumentException(
          "an axis takes 1 to " + MAX_VALUES + " values, not " + values.size());
    }
    values = List.copyOf(values);
  }

  /** Whether an axis may vary this field: a sweepable setting or {@link #PROMPT_SR}. */
  public static boolean sweepable(String field) {
    return PROMPT_SR.equals(field)
        || GenerationFields.sweepable().stream().map(SettingField::name).anyMatch(field::equals);
  }

  /** The setting this axis changes: its field, or the prompt for {@link #PROMPT_SR}. */
  public String changes() {
    return changes(field);
  }

  /** The setting an axis on this field changes. */
  public static String changes(String field) {
    return PROMPT_SR.equals(field) ? GenerationFields.PROMPT : field;
  }

  public boolean promptSearchReplace() {
    return PROMPT_SR.equals(field);
  }

  /** The text that {@link #PROMPT_SR} replaces; null for other axes. */
  public String searchText() {
    return promptSearchReplace() ? (String) values.getFirst() : null;
  }

  public int size() {
    return values.size();
  }

  /** A value as people read it, e.g. {@code 3} for a CFG of 3.0. */
  public String label(int index) {
    return GenerationFields.format(values.get(index));
  }

  /** The settings with this axis at one of its values. */
  public GenerationSettings apply(GenerationSettings settings, int index) {
    Object value = values.get(index);
    if (promptSearchReplace()) {
      return settings.with(
          GenerationFields.PROMPT, settings.prompt().replace(searchText(), (String) value));
    }
    return settings.with(field, value);
  }
}
