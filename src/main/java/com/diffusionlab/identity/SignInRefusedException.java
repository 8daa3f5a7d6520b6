package com.diffusionlab.identity;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AccountStatusException;

/**
 * A sign-in refused before its password was checked, after too many failed ones: for a while (the
 * account's or the address's delay, an address's block) or until an administrator unlocks the
 * account. The message says which, and when to try again.
 */
public final class SignInRefusedException extends AccountStatusException {

  /** Why the sign-in was refused. */
  public enum Reason {
    /** the account's recent failures: wait {@link #retryAfter()} */
    ACCOUNT_DELAYED,
    /** the address's recent failures: wait {@link #retryAfter()} */
    ADDRESS_DELAYED,
    /** the account is locked until an administrator unlocks it */
    ACCOUNT_LOCKED
  }

  private final Reason reason;
  private final Duration retryAfter;

  private SignInRefusedException(Reason reason, Duration retryAfter, String message) {
    super(message);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public static SignInRefusedException accountDelayed(Duration wait) {
    return new SignInRefusedException(
        Reason.ACCOUNT_DELAYED,
        wait,
        "too many failed sign-ins for this account; try again in " + seconds(wait) + " s");
  }

  public static SignInRefusedException addressDelayed(Duration wait) {
    return new SignInRefusedException(
        Reason.ADDRESS_DELAYED,
        wait,
        "too many failed sign-ins from this address; try again in " + seconds(wait) + " s");
  }

  public static SignInRefusedException locked() {
    return new SignInRefusedException(
        Reason.ACCOUNT_LOCKED,
        null,
        "this account is locked after too many failed sign-ins: ask an administrator to unlock it");
  }

  public Reason reason() {
    return reason;
  }

  /** How long to wait before trying again; empty for a lock, which waiting does not end. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whole seconds, rounded up, at least one: what a person and {@code Retry-After} are told. */
  public static long seconds(Duration wait) {
    return Math.max(1, wait.plusNanos(999_999_999).toSeconds());
  }
}
