package com.diffusionlab.engine.shapes;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an image shows what a caption asked, attribute by attribute.
 *
 * @param verdicts for each attribute the caption stated, whether the image shows it
 */
public record PromptMatch(Map<Attribute, Boolean> verdicts) {

  public PromptMatch {
    Objects.requireNonNull(verdicts, "verdicts");
    EnumMap<Attribute, Boolean> copy = new EnumMap<>(Attribute.class);
    verdicts.forEach(
        (attribute, verdict) ->
            copy.put(
                Objects.requireNonNull(attribute, "attribute"),
                Objects.requireNonNull(verdict, () -> "verdict for " + attribute)));
    verdicts = Collections.unmodifiableMap(copy);
  }

  /** The verdict on one attribute; empty if the caption did not state it. */
  public Optional<Boolean> verdict(Attribute attribute) {
    return Optional.ofNullable(verdicts.get(attribute));
  }

  /** Whether the image shows everything the caption stated. */
  public boolean allMatch() {
    return !verdicts.containsValue(false);
  }
}
