package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.identity.IdentityProviderSignIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;

/** Spring Security's {@code oauth2Login}, with the workspace's accounts and failure handling. */
final class OidcSignIn implements IdentityProviderSignIn {

  private final OidcSettings settings;
  private final ClientRegistrationRepository registrations;
  private final OidcAccounts accounts;
  private final ApplicationEventPublisher events;

  OidcSignIn(
      OidcSettings settings,
      ClientRegistrationRepository registrations,
      OidcAccounts accounts,
      ApplicationEventPublisher events) {
    this.settings = settings;
    this.registrations = registrations;
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  public String displayName() {
    return settings.displayName();
  }

  @Override
  public String startPath() {
    return OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            .substring(1)
        + "/"
        + OidcSettings.REGISTRATION_ID;
  }

  /** PKCE, as OAuth 2.1 asks of every client: a stolen authorization code is of no use alone. */
  private DefaultOAuth2AuthorizationRequestResolver withPkce() {
    DefaultOAuth2AuthorizationRequestResolver resolver =
        new DefaultOAuth2AuthorizationRequestResolver(
            registrations,
            OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    return resolver;
  }

  @Override
  public void configure(HttpSecurity http) throws Exception {
    http.oauth2Login(
        login ->
            login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizationEndpoint(
                    authorization -> authorization.authorizationRequestResolver(withPkce()))
                .userInfoEndpoint(
                    userInfo ->
                        userInfo.oidcUserService(
                            new ProvisioningOidcUserService(settings.roles(), accounts)))
                .failureHandler(new OidcSignInFailureHandler(events, settings.displayName())));
  }
}
