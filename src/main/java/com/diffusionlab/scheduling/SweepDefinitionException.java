package com.diffusionlab.scheduling;

import com.diffusionlab.engine.InvalidRequestException;

/**
 * A sweep definition that cannot be used, with the line and key at fault and what is allowed there,
 * e.g. {@code line 12, key 'x.values': '0-2' is not allowed: steps takes 1 to 1000 (the range
 * includes 0)}. As an {@link InvalidRequestException} its field is the key path ({@code yaml} when
 * the fault is in the document's syntax), so the REST API answers 400 with field, value and what is
 * allowed.
 */
public class SweepDefinitionException extends InvalidRequestException {

  private final int line;
  private final String message;

  private SweepDefinitionException(
      int line, String key, String value, String allowed, String message) {
    super(key, value, allowed);
    this.line = line;
    this.message = message;
  }

  /** A value the key does not allow: {@code line 4, key 'base.steps': '0' is not allowed: ...}. */
  public static SweepDefinitionException refused(
      int line, String key, String value, String allowed) {
    return new SweepDefinitionException(
        line,
        key,
        value,
        allowed,
        "line %d, key '%s': '%s' is not allowed: %s".formatted(line, key, value, allowed));
  }

  /**
   * A key in the wrong place or of the wrong shape: {@code line 3, key 'bsae' is unknown; allowed
   * keys: ...}.
   *
   * @param value what was found, e.g. the unknown key or "a list"
   * @param problem what is wrong, completing "key 'k' ..."
   */
  public static SweepDefinitionException misplaced(
      int line, String key, String value, String problem, String allowed) {
    return new SweepDefinitionException(
        line,
        key,
        value,
        allowed,
        "line %d, key '%s' %s; %s".formatted(line, key, problem, allowed));
  }

  /**
   * A fault in the document as a whole, such as YAML syntax.
   *
   * @param line 1-based, or 0 when no line is to blame (the document is too large)
   */
  public static SweepDefinitionException document(int line, String problem) {
    return new SweepDefinitionException(
        line, "yaml", "", problem, line > 0 ? "line %d: %s".formatted(line, problem) : problem);
  }

  /** The 1-based line at fault; 0 when no line is to blame. */
  public int line() {
    return line;
  }

  /** The key path at fault, e.g. {@code x.values}; {@code yaml} for the document as a whole. */
  public String key() {
    return errors().getFirst().field();
  }

  @Override
  public String getMessage() {
    return message;
  }
}
