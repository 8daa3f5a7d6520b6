package com.diffusionlab.identity.internal.oidc;

import java.util.List;

/**
 * Sign-in through the company's identity provider, checked ({@link OidcProperties#settings()}).
 *
 * @param issuer the issuer's URL, as its tokens name it
 * @param displayName what the sign-in button calls the provider
 * @param scopes what the workspace asks the provider for
 */
public record OidcSettings(
    String issuer,
    String clientId,
    String clientSecret,
    String displayName,
    List<String> scopes,
    RoleMapping roles) {

  /** Spring Security's name for this provider, in the sign-in and callback paths. */
  public static final String REGISTRATION_ID = "oidc";

  public OidcSettings {
    scopes = List.copyOf(scopes);
  }
}
