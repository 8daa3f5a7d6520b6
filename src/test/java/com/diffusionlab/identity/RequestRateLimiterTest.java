package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.MutableClock;
import com.diffusionlab.identity.RequestRateLimiter.Access;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class RequestRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

  private RequestRateLimiter limiter(boolean enabled) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("clock", clock);
    RateLimitProperties.Rates rates = new RateLimitProperties.Rates(3, 2, 1, 1);
    return new RequestRateLimiter(
        new RateLimitProperties(enabled, rates, rates), beans.getBeanProvider(Clock.class));
  }

  private static Authentication user(String name) {
    return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of());
  }

  @Test
  void aBurstIsServedThenRefusedUntilTheBucketRefills() {
    RequestRateLimiter limiter = limiter(true);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.admit(user("ada"), Access.READ)).isEmpty();
    }
    RequestRateLimiter.Refusal refusal = limiter.admit(user("ada"), Access.READ).orElseThrow();
    assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(refusal.caller()).isEqualTo(new RequestRateLimiter.Caller("user", "ada"));
    assertThat(refusal.detail())
        .isEqualTo(
            "too many requests: user ada may make 2 reads a second (bursts of 3); try again in 1 s");

    clock.advance(Duration.ofMillis(499));
    assertThat(limiter.admit(user("ada"), Access.READ)).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.admit(user("ada"), Access.READ)).isEmpty();
    assertThat(limiter.admit(user("ada"), Access.READ)).isPresent();
    clock.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.admit(user("ada"), Access.READ))
          .as("refilled to the burst, no more")
          .isEmpty();
    }
    assertThat(limiter.admit(user("ada"), Access.READ)).isPresent();
  }

  @Test
  void readsAndWritesAndUsersHaveBucketsOfTheirOwnAndNamesAreComparedWithoutCase() {
    RequestRateLimiter limiter = limiter(true);
    assertThat(limiter.admit(user("ada"), Access.WRITE)).isEmpty();
    assertThat(limiter.admit(user("ADA"), Access.WRITE)).as("the same user").isPresent();
    assertThat(limiter.admit(user("ada"), Access.READ)).isEmpty();
    assertThat(limiter.admit(user("bea"), Access.WRITE)).isEmpty();
  }

  @Test
  void aCallWithAKeyDrawsFromTheKeysBucketAndItsUsersAlike() {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("clock", clock);
    RequestRateLimiter limiter =
        new RequestRateLimiter(
            new RateLimitProperties(
                true,
                new RateLimitProperties.Rates(3, 1, 3, 1),
                new RateLimitProperties.Rates(2, 1, 2, 1)),
            beans.getBeanProvider(Clock.class));
    Authentication first = new ApiKeyAuthentication("ada", 7, ApiKeyScope.READ, Role.RESEARCHER);
    Authentication second = new ApiKeyAuthentication("ada", 8, ApiKeyScope.READ, Role.RESEARCHER);

    assertThat(limiter.admit(first, Access.READ)).isEmpty();
    assertThat(limiter.admit(first, Access.READ)).isEmpty();
    RequestRateLimiter.Refusal refusal = limiter.admit(first, Access.READ).orElseThrow();
    assertThat(refusal.caller()).isEqualTo(new RequestRateLimiter.Caller("key", "7"));
    assertThat(limiter.admit(second, Access.READ))
        .as("another key has its own bucket; the user's has one token left")
        .isEmpty();
    assertThat(limiter.admit(second, Access.READ).orElseThrow().caller())
        .isEqualTo(new RequestRateLimiter.Caller("user", "ada"));
  }

  @Test
  void disabledLimitsRefuseNothing() {
    RequestRateLimiter limiter = limiter(false);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.admit(user("ada"), Access.WRITE)).isEmpty();
    }
  }

  @Test
  void theDefaultsServeTheLoadBenchmarksRateWithOneKey() {
    RateLimitProperties defaults =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("dlab.rate-limits", RateLimitProperties.class);
    assertThat(defaults.enabled()).isTrue();
    for (RateLimitProperties.Rates rates :
        new RateLimitProperties.Rates[] {defaults.user(), defaults.key()}) {
      assertThat(rates.perSecond(Access.READ)).isGreaterThanOrEqualTo(800);
      assertThat(rates.perSecond(Access.WRITE)).isGreaterThanOrEqualTo(50);
    }
  }
}
