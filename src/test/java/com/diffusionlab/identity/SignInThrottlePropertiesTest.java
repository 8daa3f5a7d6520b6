package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottlePropertiesTest {

  private static SignInThrottleProperties limits(Duration first, Duration max) {
    return new SignInThrottleProperties(
        5, first, max, 20, 20, 100, Duration.ofMinutes(15), Duration.ofHours(1));
  }

  @Test
  void theDelayStartsAtTheThresholdAndDoublesUpToTheMaximum() {
    SignInThrottleProperties limits = limits(Duration.ofSeconds(1), Duration.ofMinutes(5));
    assertThat(limits.delay(4, 5)).isZero();
    assertThat(limits.delay(5, 5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(limits.delay(6, 5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(limits.delay(13, 5)).isEqualTo(Duration.ofSeconds(256));
    assertThat(limits.delay(14, 5)).isEqualTo(Duration.ofMinutes(5));
    assertThat(limits.delay(5_000, 5)).as("no overflow").isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void nonsenseIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> limits(Duration.ZERO, Duration.ofMinutes(5)))
        .hasMessageContaining("dlab.sign-in.first-delay");
    assertThatThrownBy(
            () ->
                new SignInThrottleProperties(
                    5,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5),
                    0,
                    20,
                    100,
                    Duration.ofMinutes(15),
                    Duration.ofHours(1)))
        .hasMessageContaining("dlab.sign-in.lock-after = 0");
  }

  @Test
  void waitsAreToldInWholeSecondsRoundedUp() {
    assertThat(SignInRefusedException.seconds(Duration.ofMillis(100))).isEqualTo(1);
    assertThat(SignInRefusedException.seconds(Duration.ofSeconds(10))).isEqualTo(10);
    assertThat(SignInRefusedException.seconds(Duration.ofMillis(10_001))).isEqualTo(11);
  }
}
