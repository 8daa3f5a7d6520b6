package com.diffusionlab.identity.internal.oidc;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The workspace refuses someone the identity provider signed in: disabled here, no role for their
 * groups, a name another account has. The reason is shown on the sign-in page.
 */
final class OidcRefusal extends OAuth2AuthenticationException {

  private final String who;

  OidcRefusal(String who, String reason) {
    super(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, reason, null), reason);
    this.who = who;
  }

  /** Whom the provider signed in, as the workspace names them. */
  String who() {
    return who;
  }
}
