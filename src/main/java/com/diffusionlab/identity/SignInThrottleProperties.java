package com.diffusionlab.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling ({@code dlab.sign-in.*}): failed sign-ins, by the login form and HTTP Basic
 * alike, counted per account and per source address. From {@code delayAfter} failures on, the
 * account is refused for a delay that starts at {@code firstDelay} and doubles with each further
 * failure up to {@code maxDelay}; at {@code lockAfter} it is locked until an administrator unlocks
 * it. An address is delayed the same way from {@code addressDelayAfter} failures on and blocked for
 * {@code addressBlockFor} at {@code addressBlockAfter}. Counts with no failure for {@code
 * forgetAfter} start again; a successful sign-in clears its account's count.
 */
@ConfigurationProperties("dlab.sign-in")
public record SignInThrottleProperties(
    @DefaultValue("5") int delayAfter,
    @DefaultValue("1s") Duration firstDelay,
    @DefaultValue("5m") Duration maxDelay,
    @DefaultValue("20") int lockAfter,
    @DefaultValue("50") int addressDelayAfter,
    @DefaultValue("200") int addressBlockAfter,
    @DefaultValue("15m") Duration addressBlockFor,
    @DefaultValue("1h") Duration forgetAfter) {

  public SignInThrottleProperties {
    positive("delay-after", delayAfter);
    positive("lock-after", lockAfter);
    positive("address-delay-after", addressDelayAfter);
    positive("address-block-after", addressBlockAfter);
    positive("first-delay", firstDelay);
    positive("max-delay", maxDelay);
    positive("address-block-for", addressBlockFor);
    positive("forget-after", forgetAfter);
  }

  /**
   * How long to refuse after {@code failures} failures when delays start at {@code after}: none
   * before, then {@code firstDelay} doubling with each failure, up to {@code maxDelay}.
   */
  public Duration delay(int failures, int after) {
    if (failures < after) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - after, 30);
    Duration delay = firstDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "dlab.sign-in." + name + " = " + value + " is not allowed: a count of at least 1");
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "dlab.sign-in." + name + " = " + value + " is not allowed: a duration above zero");
    }
  }
}
