package com.diffusionlab.identity.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins, by the UI's form, the API's HTTP Basic or any other way Spring Security
 * authenticates, from its failure events: {@code dlab_sign_in_failures_total{reason}}. The reason
 * is one of a few words, never the username (which an attacker chooses).
 */
@Component
class SignInFailureMetrics {

  /** Why a sign-in failed, as a label. */
  enum Reason {
    BAD_CREDENTIALS,
    DISABLED,
    LOCKED,
    OTHER;

    static Reason of(AbstractAuthenticationFailureEvent event) {
      return switch (event) {
        case AuthenticationFailureBadCredentialsEvent bad -> BAD_CREDENTIALS;
        case AuthenticationFailureDisabledEvent disabled -> DISABLED;
        case AuthenticationFailureLockedEvent locked -> LOCKED;
        default -> OTHER;
      };
    }
  }

  private final MeterRegistry registry;

  SignInFailureMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Reason reason : Reason.values()) {
      counter(reason);
    }
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    counter(Reason.of(event)).increment();
  }

  private Counter counter(Reason reason) {
    return Counter.builder("dlab.sign.in.failures")
        .description("failed sign-ins, by reason")
        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }
}
