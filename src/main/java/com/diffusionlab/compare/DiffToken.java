package com.diffusionlab.compare;

/**
 * A word of a prompt diff: the same in both prompts, only in the other one, or only in this one.
 */
public record DiffToken(String text, Kind kind) {

  public enum Kind {
    SAME,
    ADDED,
    REMOVED
  }
}
