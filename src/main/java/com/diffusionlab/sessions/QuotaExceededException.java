package com.diffusionlab.sessions;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A job the session does not admit: rejected before anything is recorded, queued or charged. Either
 * the session has no room now (budget, concurrency; the REST API answers 429, with Retry-After when
 * waiting helps because a job of the session has to end first), or it never allows the job as asked
 * (size, steps, batch, model, a closed session: {@link #outright()}, 403).
 */
public class QuotaExceededException extends InvalidRequestException {

  /** What a client is told to wait for a queued or running job of the session to end. */
  static final Duration JOB_WAIT = Duration.ofSeconds(10);

  private final QuotaLimit limit;
  private final boolean outright;
  private final Duration retryAfter;

  /** No room for this, and waiting alone does not help. */
  public QuotaExceededException(String field, Object value, String allowed) {
    this(List.of(new FieldError(field, String.valueOf(value), allowed)), null, false, null);
  }

  private QuotaExceededException(
      List<FieldError> errors, QuotaLimit limit, boolean outright, Duration retryAfter) {
    super(errors);
    this.limit = limit;
    this.outright = outright;
    this.retryAfter = retryAfter;
  }

  /** The session never allows the job as asked: an administrator would have to change it. */
  static QuotaExceededException forbidden(
      String field, Object value, String allowed, QuotaLimit limit) {
    return new QuotaExceededException(
        List.of(new FieldError(field, String.valueOf(value), allowed)), limit, true, null);
  }

  /**
   * No room now; when {@code waitingHelps}, a queued or running job of the session has to end
   * first.
   */
  static QuotaExceededException noRoom(
      String field, Object value, String allowed, QuotaLimit limit, boolean waitingHelps) {
    return new QuotaExceededException(
        List.of(new FieldError(field, String.valueOf(value), allowed)),
        limit,
        false,
        waitingHelps ? JOB_WAIT : null);
  }

  /** The same refusal under another field name, e.g. a sweep's cell. */
  public QuotaExceededException named(String field) {
    FieldError first = errors().getFirst();
    return new QuotaExceededException(
        List.of(new FieldError(field, first.value(), first.allowed())),
        limit,
        outright,
        retryAfter);
  }

  /** The limit with its figures; empty for a model the session does not allow or a closed one. */
  public Optional<QuotaLimit> limit() {
    return Optional.ofNullable(limit);
  }

  /** True when the session never allows the job as asked, however long one waits. */
  public boolean outright() {
    return outright;
  }

  /** How long to wait before trying again; empty when waiting alone does not help. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
