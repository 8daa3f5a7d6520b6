package com.diffusionlab.sessions;

import com.diffusionlab.engine.InvalidRequestException;
import java.time.Duration;
import java.util.Optional;

/**
 * A job the session's quota does not allow: rejected before anything runs or is charged. The REST
 * API answers 429; when waiting helps (a job of the session has to end first) it says how long to
 * wait.
 */
public class QuotaExceededException extends InvalidRequestException {

  /** What a client is told to wait for a running job of the session to end. */
  static final Duration JOB_WAIT = Duration.ofSeconds(10);

  private final Duration retryAfter;

  public QuotaExceededException(String field, Object value, String allowed) {
    this(field, value, allowed, null);
  }

  private QuotaExceededException(String field, Object value, String allowed, Duration retryAfter) {
    super(field, value, allowed);
    this.retryAfter = retryAfter;
  }

  /** A refusal that lasts only until one of the session's queued or running jobs ends. */
  static QuotaExceededException untilAJobEnds(String field, Object value, String allowed) {
    return new QuotaExceededException(field, value, allowed, JOB_WAIT);
  }

  /** How long to wait before trying again; empty when waiting alone does not help. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
