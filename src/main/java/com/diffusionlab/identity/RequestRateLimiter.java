package com.diffusionlab.identity;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Token buckets per API caller ({@link RateLimitProperties}), in this node's memory: with several
 * web nodes behind a balancer, each allows a caller its full rate.
 */
@Component
public class RequestRateLimiter {

  /** Whether a request reads or changes something: each has its own bucket. */
  public enum Access {
    READ,
    WRITE
  }

  /**
   * Whose bucket a request draws from.
   *
   * @param kind {@code user} or {@code key}
   * @param id the username key or the key's id
   */
  public record Caller(String kind, String id) {}

  private record BucketKey(Caller caller, Access access) {}

  /** A request the limits refused: which bucket and how long until it has a token again. */
  public record Refusal(Caller caller, Access access, Duration retryAfter, String detail) {}

  private final RateLimitProperties limits;
  private final TimeMeter time;
  private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();

  RequestRateLimiter(RateLimitProperties limits, ObjectProvider<Clock> clock) {
    this.limits = limits;
    Clock source = clock.getIfUnique(Clock::systemUTC);
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            Instant now = source.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /**
   * The buckets a signed-in caller draws from: their user's, and their API key's when they use one.
   */
  public static List<Caller> callers(Authentication authentication) {
    List<Caller> callers = new ArrayList<>(2);
    callers.add(new Caller("user", Usernames.key(authentication.getName())));
    if (authentication instanceof ApiKeyAuthentication key) {
      callers.add(new Caller("key", String.valueOf(key.keyId())));
    }
    return callers;
  }

  /**
   * Takes a token from each of the caller's buckets for one request.
   *
   * @return the refusal when one of them is empty (then no token is taken from any)
   */
  public Optional<Refusal> admit(Authentication authentication, Access access) {
    if (!limits.enabled()) {
      return Optional.empty();
    }
    List<Bucket> taken = new ArrayList<>(2);
    for (Caller caller : callers(authentication)) {
      Bucket bucket = buckets.computeIfAbsent(new BucketKey(caller, access), this::bucket);
      ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        taken.forEach(earlier -> earlier.addTokens(1));
        return Optional.of(
            refusal(caller, access, Duration.ofNanos(probe.getNanosToWaitForRefill())));
      }
      taken.add(bucket);
    }
    return Optional.empty();
  }

  private Refusal refusal(Caller caller, Access access, Duration wait) {
    RateLimitProperties.Rates rates = rates(caller);
    return new Refusal(
        caller,
        access,
        wait,
        "too many requests: "
            + caller.kind()
            + " "
            + caller.id()
            + " may make "
            + rates.perSecond(access)
            + " "
            + (access == Access.READ ? "reads" : "writes")
            + " a second (bursts of "
            + rates.burst(access)
            + "); try again in "
            + SignInRefusedException.seconds(wait)
            + " s");
  }

  private Bucket bucket(BucketKey key) {
    RateLimitProperties.Rates rates = rates(key.caller());
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(rates.burst(key.access()))
                    .refillGreedy(rates.perSecond(key.access()), Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }

  private RateLimitProperties.Rates rates(Caller caller) {
    return "key".equals(caller.kind()) ? limits.key() : limits.user();
  }
}
