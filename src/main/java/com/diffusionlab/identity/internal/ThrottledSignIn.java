package com.diffusionlab.identity.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the login form and HTTP Basic) behind the {@link SignInThrottle}: a refused
 * attempt is answered before its password is checked; a wrong password or an unknown username is
 * counted, and the failure that reaches a limit already says so.
 */
final class ThrottledSignIn implements AuthenticationProvider {
  private final AuthenticationProvider passwords;
  private final SignInThrottle throttle;

  ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle) {
    this.passwords = passwords;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String username = attempt.getName();
    String address = address(attempt);
    boolean hadFailures = throttle.checkAllowed(username, address);
    Authentication signedIn;
    try {
      signedIn = passwords.authenticate(attempt);
    } catch (BadCredentialsException wrong) {
      throw throttle
          .failed(username, address)
          .map(AuthenticationException.class::cast)
          .orElse(wrong);
    }
    if (hadFailures) {
      throttle.succeeded(username);
    }
    return signedIn;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return passwords.supports(authentication);
  }

  /** The source address the login form and HTTP Basic filters record; null when none is known. */
  private static String address(Authentication attempt) {
    return attempt.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress()
        : null;
  }
}
