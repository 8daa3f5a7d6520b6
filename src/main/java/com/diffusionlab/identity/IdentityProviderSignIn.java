package com.diffusionlab.identity;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Sign-in through the company's identity provider (OpenID Connect), present when configured ({@code
 * dlab.security.oidc.*}, README). The UI's security chain adds it beside the password form; the
 * sign-in page offers it.
 */
public interface IdentityProviderSignIn {

  /** The sign-in page's query parameter after a refused or failed sign-in through the provider. */
  String FAILURE_PARAMETER = "provider-error";

  /** The session attribute that holds why the last sign-in through the provider did not succeed. */
  String FAILURE_ATTRIBUTE = "com.diffusionlab.identity.provider-failure";

  /** What the sign-in button calls the provider: "Sign in with …". */
  String displayName();

  /** Where a sign-in through the provider starts, relative to the workspace's root. */
  String startPath();

  /** Adds sign-in through the provider to a security chain whose sign-in page is {@code /login}. */
  void configure(HttpSecurity http) throws Exception;
}
