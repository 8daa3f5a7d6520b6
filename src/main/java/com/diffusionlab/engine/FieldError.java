package com.diffusionlab.engine;

/**
 * One rejected input: which field, the value given and what is allowed.
 *
 * @param field the name the caller used (request field, CLI option without dashes)
 */
public record FieldError(String field, String value, String allowed) {

  public String message() {
    return field + "=" + value + " is not allowed: " + allowed;
  }
}
