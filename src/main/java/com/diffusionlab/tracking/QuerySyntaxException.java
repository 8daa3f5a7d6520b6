package com.diffusionlab.tracking;

/** A run query that does not parse or names an unknown field; points at the offending place. */
public class QuerySyntaxException extends IllegalArgumentException {
  private final int position;

  /**
   * @param position 1-based character position in the query
   */
  public QuerySyntaxException(String message, int position) {
    super(message + " at position " + position);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
