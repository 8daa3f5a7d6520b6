package com.diffusionlab.engine.sampling;

/** Formatting of user-supplied values inside error messages. */
final class Messages {
  /** Hostile input can be megabytes long; a message only needs enough to recognise it. */
  private static final int MAX_SHOWN = 80;

  private Messages() {}

  static String quote(String value) {
    if (value == null) {
      return "(missing)";
    }
    String shown = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value;
    return "'" + shown + "'";
  }
}
