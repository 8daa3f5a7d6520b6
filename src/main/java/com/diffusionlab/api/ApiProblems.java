package com.diffusionlab.api;

import com.diffusionlab.LabProperties;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.NotReadyException;
import com.diffusionlab.ServerPaths;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.ApiKeyAuthentication;
import com.diffusionlab.identity.InvalidApiKeyException;
import com.diffusionlab.identity.RequestRateLimiter;
import com.diffusionlab.identity.SignInRefusedException;
import com.diffusionlab.scheduling.SweepDefinitionException;
import com.diffusionlab.sessions.QuotaExceededException;
import com.diffusionlab.tracking.QuerySyntaxException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of the REST API as problem JSON: the {@link ProblemType} an exception stands for, its
 * detail, the fields at fault and the headers that go with it. The controller advice, the security
 * handlers and the filters that answer before any controller is reached all answer through here, so
 * no error under {@code /api} takes another shape. An unexpected failure is logged with its stack
 * trace under an error id, and the client gets only that id: no stack trace, server path or SQL
 * leaves the server.
 */
@Component
class ApiProblems {
  private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

  /** Longer refused values are cut in the answer, so that a hostile body is not echoed back. */
  static final int MAX_VALUE_CHARS = 200;

  private static final int MAX_DETAIL_CHARS = 2000;

  /** What Spring Security says when a method's rule refuses: nothing the client can act on. */
  private static final String GENERIC_DENIAL = "Access Denied";

  private final JsonMapper json;
  private final ServerPaths serverPaths;

  ApiProblems(JsonMapper json, LabProperties properties) {
    this.json = json;
    this.serverPaths = ServerPaths.of(properties);
  }

  /** A problem and the headers that come with it (Retry-After, Allow, Accept, WWW-Authenticate). */
  record Answer(Problem problem, HttpHeaders headers) {

    ResponseEntity<Problem> entity() {
      return ResponseEntity.status(problem.status())
          .headers(headers)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
  }

  /**
   * The answer to a request that failed with {@code failure}, with the server's folders taken out
   * of what it says.
   */
  Answer answer(Throwable failure, HttpServletRequest request) {
    Answer answer = unscrubbed(failure, request);
    return new Answer(answer.problem().scrubbed(serverPaths::scrub), answer.headers());
  }

  private Answer unscrubbed(Throwable failure, HttpServletRequest request) {
    String instance = ApiPaths.path(request);
    Optional<BodyTooLargeException> tooLarge = causeOf(failure, BodyTooLargeException.class);
    if (tooLarge.isPresent()) {
      return answer(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.get().getMessage(), instance);
    }
    return switch (failure) {
      case NotReadyException e ->
          retryAfter(answer(ProblemType.NOT_READY, e.getMessage(), instance), e.retryAfter());
      case QuotaExceededException e -> {
        Answer fields =
            e.outright()
                ? fields(
                    ProblemType.OVER_SESSION_LIMIT,
                    "the session does not allow this: ",
                    e.errors(),
                    instance)
                : fields(
                    ProblemType.QUOTA_EXCEEDED,
                    "the session's quota has no room for this now: ",
                    e.errors(),
                    instance);
        Answer answer =
            new Answer(fields.problem().withLimit(e.limit().orElse(null)), fields.headers());
        yield e.retryAfter().map(wait -> retryAfter(answer, wait)).orElse(answer);
      }
      case SweepDefinitionException e ->
          at(
              new Answer(
                  Problem.of(ProblemType.INVALID_SWEEP, cut(e.getMessage()), instance)
                      .withErrors(shown(e.errors())),
                  new HttpHeaders()),
              null,
              e.line() > 0 ? e.line() : null);
      case InvalidRequestException e ->
          fields(ProblemType.INVALID_FIELDS, "", e.errors(), instance);
      case QuerySyntaxException e ->
          at(
              new Answer(
                  Problem.of(ProblemType.INVALID_QUERY, cut(e.getMessage()), instance)
                      .withErrors(List.of(new FieldError("query", "", cut(e.getMessage())))),
                  new HttpHeaders()),
              e.position(),
              null);
      case NotFoundException e -> answer(ProblemType.NOT_FOUND, e.getMessage(), instance);
      case NoHandlerFoundException e -> noEndpoint(e.getHttpMethod(), instance);
      case AccessDeniedException e ->
          answer(
              ProblemType.FORBIDDEN,
              GENERIC_DENIAL.equals(e.getMessage()) ? denial() : e.getMessage(),
              instance);
      case SignInRefusedException e ->
          e.retryAfter()
              .map(
                  wait ->
                      retryAfter(
                          answer(ProblemType.SIGN_IN_DELAYED, e.getMessage(), instance), wait))
              .orElseGet(() -> answer(ProblemType.ACCOUNT_LOCKED, e.getMessage(), instance));
      case InvalidApiKeyException e -> unauthorized(instance, e.getMessage());
      case AuthenticationException e -> unauthorized(instance);
      case HttpMessageNotReadableException e -> unreadable(e, instance);
      case TypeMismatchException e ->
          fields(
              ProblemType.INVALID_FIELDS,
              "",
              List.of(
                  new FieldError(
                      e.getPropertyName() != null ? e.getPropertyName() : "parameter",
                      String.valueOf(e.getValue()),
                      JsonBodyErrors.kind(e.getRequiredType()))),
              instance);
      case MissingServletRequestParameterException e ->
          fields(
              ProblemType.INVALID_FIELDS,
              "",
              List.of(new FieldError(e.getParameterName(), "(missing)", "a value")),
              instance);
      case MissingServletRequestPartException e ->
          fields(
              ProblemType.INVALID_FIELDS,
              "",
              List.of(new FieldError(e.getRequestPartName(), "(missing)", "a file part")),
              instance);
      case MaxUploadSizeExceededException e ->
          answer(
              ProblemType.PAYLOAD_TOO_LARGE,
              e.getMaxUploadSize() > 0
                  ? "the upload is larger than the limit of " + e.getMaxUploadSize() + " bytes"
                  : "the upload is larger than the server takes",
              instance);
      case MultipartException e ->
          answer(ProblemType.MALFORMED_BODY, "the multipart request body cannot be read", instance);
      case HttpRequestMethodNotSupportedException e ->
          withHeaders(
              answer(
                  ProblemType.METHOD_NOT_ALLOWED,
                  e.getMethod()
                      + " is not allowed here; "
                      + (e.getSupportedMethods() == null
                          ? "no method is"
                          : "allowed: " + String.join(", ", e.getSupportedMethods())),
                  instance),
              e.getHeaders());
      case HttpMediaTypeNotSupportedException e ->
          withHeaders(
              answer(
                  ProblemType.UNSUPPORTED_MEDIA_TYPE,
                  "Content-Type "
                      + (e.getContentType() == null ? "(none)" : e.getContentType())
                      + " is not taken here; send "
                      + types(e.getSupportedMediaTypes()),
                  instance),
              e.getHeaders());
      case HttpMediaTypeNotAcceptableException e ->
          answer(
              ProblemType.NOT_ACCEPTABLE,
              "this endpoint answers with " + types(e.getSupportedMediaTypes()),
              instance);
      case ErrorResponse e ->
          ofStatus(e.getStatusCode().value(), e.getBody().getDetail(), instance);
      case IllegalArgumentException e -> answer(ProblemType.BAD_REQUEST, e.getMessage(), instance);
      case EngineException e -> answer(ProblemType.BAD_REQUEST, e.getMessage(), instance);
      default -> internalError(failure, instance);
    };
  }

  /**
   * The answer for a status the container or a filter raised without an exception the API knows,
   * such as a request the firewall refused.
   */
  Answer answer(int status, HttpServletRequest request) {
    String instance = ApiPaths.path(request);
    return switch (status) {
      case 400 ->
          answer(
              ProblemType.BAD_REQUEST,
              "the request was refused before it reached the API: its URL or headers are not"
                  + " allowed",
              instance);
      case 401 -> unauthorized(instance);
      // the method is not told: an error page's request is a GET whatever the original was
      case 404 ->
          answer(
              ProblemType.NOT_FOUND,
              "there is no API endpoint at " + instance + "; GET /api/docs lists them",
              instance);
      default ->
          ofStatus(
              status,
              HttpStatus.resolve(status) != null
                  ? HttpStatus.resolve(status).getReasonPhrase()
                  : "status " + status,
              instance);
    };
  }

  /** Why a rule said no, for a request signed in with a key of a narrower scope too. */
  private static String denial() {
    return SecurityContextHolder.getContext().getAuthentication()
            instanceof ApiKeyAuthentication key
        ? "your role or your API key's scope (" + key.scope() + ") does not allow this"
        : "your role does not allow this";
  }

  /** 401 with the ways to sign in. */
  Answer unauthorized(String instance) {
    return unauthorized(
        instance,
        "sign in with an API key (Authorization: Bearer dlab_…) or HTTP Basic (a workspace user's"
            + " name and password); a browser's session is taken only for GET, HEAD and OPTIONS");
  }

  private static Answer unauthorized(String instance, String detail) {
    Answer answer = answer(ProblemType.UNAUTHORIZED, detail, instance);
    answer.headers().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Diffusion Lab\"");
    answer.headers().add(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Diffusion Lab\"");
    return answer;
  }

  /** 429 for a caller over its request rate, with when to try again. */
  Answer rateLimited(RequestRateLimiter.Refusal refusal, HttpServletRequest request) {
    return retryAfter(
        answer(ProblemType.RATE_LIMITED, refusal.detail(), ApiPaths.path(request)),
        refusal.retryAfter());
  }

  /** Writes an answer directly, for filters and security handlers that answer without MVC. */
  void write(HttpServletResponse response, Answer answer) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(answer.problem().status());
    answer.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), answer.problem());
  }

  private static Answer answer(ProblemType type, String detail, String instance) {
    return new Answer(Problem.of(type, cut(detail), instance), new HttpHeaders());
  }

  private static Answer ofStatus(int status, String detail, String instance) {
    return ProblemType.forStatus(status)
        .map(type -> answer(type, detail, instance))
        .orElseGet(
            () ->
                new Answer(
                    Problem.ofStatus(
                        status,
                        HttpStatus.resolve(status) != null
                            ? HttpStatus.resolve(status).getReasonPhrase()
                            : "Error",
                        cut(detail),
                        instance),
                    new HttpHeaders()));
  }

  private static Answer fields(
      ProblemType type, String lead, List<FieldError> errors, String instance) {
    List<FieldError> shown = shown(errors);
    String detail =
        lead + shown.stream().map(FieldError::message).collect(Collectors.joining("; "));
    return new Answer(Problem.of(type, cut(detail), instance).withErrors(shown), new HttpHeaders());
  }

  private static Answer noEndpoint(String method, String instance) {
    return answer(
        ProblemType.NOT_FOUND,
        "there is no API endpoint " + method + " " + instance + "; GET /api/docs lists them",
        instance);
  }

  private static Answer unreadable(HttpMessageNotReadableException e, String instance) {
    Optional<JacksonException> jackson = causeOf(e, JacksonException.class);
    if (jackson.isEmpty()) {
      return answer(
          ProblemType.MALFORMED_BODY,
          "the request body is missing or cannot be read as this endpoint's type",
          instance);
    }
    return JsonBodyErrors.fieldError(jackson.get())
        .map(error -> fields(ProblemType.INVALID_FIELDS, "", List.of(error), instance))
        .orElseGet(
            () ->
                answer(
                    ProblemType.MALFORMED_BODY,
                    JsonBodyErrors.bodyDetail(jackson.get()),
                    instance));
  }

  /** Logged in full under a fresh id; the client gets the id and nothing of the failure. */
  private static Answer internalError(Throwable failure, String instance) {
    String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    LOG.error("REST {} failed unexpectedly (errorId {})", instance, errorId, failure);
    return new Answer(
        Problem.of(
                ProblemType.INTERNAL_ERROR,
                "something unexpected failed on the server; its log has the details under errorId "
                    + errorId,
                instance)
            .withErrorId(errorId),
        new HttpHeaders());
  }

  private static Answer retryAfter(Answer answer, Duration wait) {
    answer
        .headers()
        .set(HttpHeaders.RETRY_AFTER, Long.toString(SignInRefusedException.seconds(wait)));
    return answer;
  }

  private static Answer withHeaders(Answer answer, HttpHeaders headers) {
    answer.headers().addAll(headers);
    return answer;
  }

  private static Answer at(Answer answer, Integer position, Integer line) {
    return new Answer(answer.problem().at(position, line), answer.headers());
  }

  private static List<FieldError> shown(List<FieldError> errors) {
    return errors.stream()
        .map(error -> new FieldError(error.field(), cutValue(error.value()), error.allowed()))
        .toList();
  }

  private static String types(List<MediaType> types) {
    return types.isEmpty()
        ? "no body"
        : types.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
  }

  private static String cutValue(String value) {
    return value == null || value.length() <= MAX_VALUE_CHARS
        ? value
        : value.substring(0, MAX_VALUE_CHARS) + "… (" + value.length() + " characters)";
  }

  private static String cut(String detail) {
    return detail == null || detail.length() <= MAX_DETAIL_CHARS
        ? detail
        : detail.substring(0, MAX_DETAIL_CHARS) + "…";
  }

  private static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
