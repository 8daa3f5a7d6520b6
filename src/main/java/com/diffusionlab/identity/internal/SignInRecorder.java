package com.diffusionlab.identity.internal;

import java.time.Duration;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Keeps each user's last sign-in, by the UI's form or the API's HTTP Basic, to the minute. */
@Component
class SignInRecorder {
  private static final Duration RESOLUTION = Duration.ofMinutes(1);

  private final UserRepository users;

  SignInRecorder(UserRepository users) {
    this.users = users;
  }

  @EventListener
  void signedIn(AuthenticationSuccessEvent event) {
    Instant now = Instant.now();
    users.recordSignIn(event.getAuthentication().getName(), now, now.minus(RESOLUTION));
  }
}
