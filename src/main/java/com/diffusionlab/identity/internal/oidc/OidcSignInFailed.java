package com.diffusionlab.identity.internal.oidc;

import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in through the identity provider that did not succeed, for whoever listens to Spring
 * Security's sign-in failures (the audit log): refused here, refused or failed at the provider, or
 * an answer that did not check out. Spring Security publishes none of its own for these.
 */
public class OidcSignInFailed extends AbstractAuthenticationFailureEvent {

  public OidcSignInFailed(Authentication attempt, AuthenticationException exception) {
    super(attempt, exception);
  }
}
