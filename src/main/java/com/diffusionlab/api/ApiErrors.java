package com.diffusionlab.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every exception of a request under {@code /api} becomes problem JSON ({@link ApiProblems}).
 * Deliberately not limited to the API's controllers: the errors Spring MVC raises before a
 * controller is chosen (unknown path, method, content type, upload size) have no controller, and a
 * limited advice would hand them to the container's error page. Requests outside {@code /api} (the
 * UI's) keep Spring's own handling: their exception is thrown on.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

  private final ApiProblems problems;

  ApiErrors(ApiProblems problems) {
    this.problems = problems;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Problem> handle(
      Exception failure, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    if (!ApiPaths.isApi(request)) {
      throw failure;
    }
    ApiProblems.Answer answer = problems.answer(failure, request);
    if (response.isCommitted()) {
      // a streamed export failed after its first bytes: the status is sent, the client sees a cut
      // body; the failure is logged above when it is unexpected
      return null;
    }
    return answer.entity();
  }
}
