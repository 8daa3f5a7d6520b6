package com.diffusionlab.api;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.scheduling.SweepDefinitionException;
import com.diffusionlab.tracking.QuerySyntaxException;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors as JSON: bad input is 400 with each field, its value and what is allowed (nothing was
 * queued or charged); a query error also gives the position; access is 403; unknown ids 404.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

  /**
   * @param position where a query goes wrong, for query errors
   * @param line where a YAML definition goes wrong, for sweep definitions
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorBody(String message, List<FieldError> errors, Integer position, Integer line) {

    ErrorBody(String message, List<FieldError> errors, Integer position) {
      this(message, errors, position, null);
    }
  }

  @ExceptionHandler(SweepDefinitionException.class)
  ResponseEntity<ErrorBody> sweepDefinition(SweepDefinitionException e) {
    return ResponseEntity.badRequest()
        .body(new ErrorBody(e.getMessage(), e.errors(), null, e.line() > 0 ? e.line() : null));
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ErrorBody> invalid(InvalidRequestException e) {
    return ResponseEntity.badRequest().body(new ErrorBody(e.getMessage(), e.errors(), null));
  }

  @ExceptionHandler(QuerySyntaxException.class)
  ResponseEntity<ErrorBody> query(QuerySyntaxException e) {
    return ResponseEntity.badRequest()
        .body(
            new ErrorBody(
                e.getMessage(),
                List.of(new FieldError("query", "", e.getMessage())),
                e.position()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ErrorBody> notFound(NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(new ErrorBody(e.getMessage(), List.of(), null));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Map<String, String>> denied(AccessDeniedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler({IllegalArgumentException.class, EngineException.class})
  ResponseEntity<ErrorBody> bad(RuntimeException e) {
    return ResponseEntity.badRequest().body(new ErrorBody(e.getMessage(), List.of(), null));
  }
}
