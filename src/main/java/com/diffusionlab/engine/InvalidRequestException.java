package com.diffusionlab.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A generation request with one or more bad fields, rejected before any work is done. */
public class InvalidRequestException extends EngineException {
  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, Object value, String allowed) {
    this(List.of(new FieldError(field, String.valueOf(value), allowed)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
