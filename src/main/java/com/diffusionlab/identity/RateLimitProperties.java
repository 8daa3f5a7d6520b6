package com.diffusionlab.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request rate limits of the REST API ({@code dlab.rate-limits.*}): a token bucket per caller and
 * kind of request, reads (GET, HEAD, OPTIONS) apart from writes. Every caller has a bucket as a
 * user ({@code user.*}); a call made with an API key draws from the key's bucket ({@code key.*}) as
 * well. The defaults leave the UI, the tests and the load benchmark (800 GET/s with one key)
 * unthrottled and stop a runaway script.
 *
 * @param enabled false turns the limits off
 */
@ConfigurationProperties("dlab.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled, @DefaultValue Rates user, @DefaultValue Rates key) {

  /**
   * One caller's limits: a bucket holds up to {@code burst} requests and refills at {@code
   * perSecond}.
   */
  public record Rates(
      @DefaultValue("2000") long readBurst,
      @DefaultValue("1000") long readsPerSecond,
      @DefaultValue("500") long writeBurst,
      @DefaultValue("100") long writesPerSecond) {

    public Rates {
      atLeastOne("read-burst", readBurst);
      atLeastOne("reads-per-second", readsPerSecond);
      atLeastOne("write-burst", writeBurst);
      atLeastOne("writes-per-second", writesPerSecond);
    }

    long burst(RequestRateLimiter.Access access) {
      return access == RequestRateLimiter.Access.READ ? readBurst : writeBurst;
    }

    long perSecond(RequestRateLimiter.Access access) {
      return access == RequestRateLimiter.Access.READ ? readsPerSecond : writesPerSecond;
    }

    private static void atLeastOne(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(
            "dlab.rate-limits.*." + name + " = " + value + " is not allowed: at least 1");
      }
    }
  }
}
