package com.diffusionlab.api;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.sessions.QuotaLimit;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error answer of the REST API as RFC 9457 problem JSON ({@code application/problem+json}).
 *
 * @param type the kind's URI, {@code /api/problems/<kind>} ({@link ProblemType}), or {@code
 *     about:blank} for a status without a kind of its own
 * @param instance the request's path
 * @param errors each bad field with its value and what is allowed (validation, quotas)
 * @param position where a run query goes wrong, 1-based
 * @param line where a sweep definition goes wrong, 1-based
 * @param errorId the id an unexpected failure is logged under
 * @param limit the session limit a job ran into, with the figures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors,
    Integer position,
    Integer line,
    String errorId,
    QuotaLimit limit) {

  static Problem of(ProblemType type, String detail, String instance) {
    return new Problem(
        type.uri().toString(),
        type.title(),
        type.status(),
        detail,
        instance,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * A problem of a status that no {@link ProblemType} covers: RFC 9457's {@code about:blank}, which
   * means "what the status says".
   */
  static Problem ofStatus(int status, String title, String detail, String instance) {
    return new Problem(
        "about:blank", title, status, detail, instance, null, null, null, null, null);
  }

  Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(
        type, title, status, detail, instance, fieldErrors, position, line, errorId, limit);
  }

  Problem at(Integer queryPosition, Integer definitionLine) {
    return new Problem(
        type,
        title,
        status,
        detail,
        instance,
        errors,
        queryPosition,
        definitionLine,
        errorId,
        limit);
  }

  /** The same problem with its detail and field errors passed through {@code scrub}. */
  Problem scrubbed(java.util.function.UnaryOperator<String> scrub) {
    List<FieldError> scrubbedErrors =
        errors == null
            ? null
            : errors.stream()
                .map(
                    error ->
                        new FieldError(
                            error.field(),
                            scrub.apply(error.value()),
                            scrub.apply(error.allowed())))
                .toList();
    return new Problem(
        type,
        title,
        status,
        scrub.apply(detail),
        instance,
        scrubbedErrors,
        position,
        line,
        errorId,
        limit);
  }

  Problem withErrorId(String id) {
    return new Problem(type, title, status, detail, instance, errors, position, line, id, limit);
  }

  Problem withLimit(QuotaLimit quotaLimit) {
    return new Problem(
        type, title, status, detail, instance, errors, position, line, errorId, quotaLimit);
  }
}
