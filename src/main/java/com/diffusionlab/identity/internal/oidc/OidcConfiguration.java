package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.identity.IdentityProviderSignIn;
import com.diffusionlab.identity.internal.UserRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * Sign-in through the company's identity provider, when {@code dlab.security.oidc.*} is set (on a
 * web node: a worker signs nobody in). The settings are checked and the issuer's discovery document
 * read at start, so that a mistake stops the start naming the property.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@Conditional(OidcConfigured.class)
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfiguration {

  private static final int CAUSE_SHOWN = 160;

  @Bean
  OidcSettings oidcSettings(OidcProperties properties) {
    return properties.settings();
  }

  @Bean
  ClientRegistrationRepository oidcClientRegistrations(OidcSettings settings) {
    return new InMemoryClientRegistrationRepository(registration(settings));
  }

  static ClientRegistration registration(OidcSettings settings) {
    ClientRegistration.Builder discovered;
    try {
      discovered = ClientRegistrations.fromIssuerLocation(settings.issuer());
    } catch (RuntimeException unanswered) {
      throw new IllegalStateException(
          OidcProperties.PREFIX
              + ".issuer-uri='"
              + settings.issuer()
              + "' did not answer as an OpenID Connect issuer ("
              + shortened(unanswered.getMessage())
              + "): its /.well-known/openid-configuration must be reachable from the workspace"
              + " and name this issuer",
          unanswered);
    }
    return discovered
        .registrationId(OidcSettings.REGISTRATION_ID)
        .clientId(settings.clientId())
        .clientSecret(settings.clientSecret())
        .clientName(settings.displayName())
        .scope(settings.scopes())
        .userNameAttributeName(IdTokenClaimNames.SUB)
        .build();
  }

  /** A cause's message without the error page an issuer's web server may have put in it. */
  private static String shortened(String message) {
    return message == null || message.length() <= CAUSE_SHOWN
        ? message
        : message.substring(0, CAUSE_SHOWN) + "…";
  }

  @Bean
  OidcAccounts oidcAccounts(UserRepository users, ApplicationEventPublisher events) {
    return new OidcAccounts(users, events);
  }

  @Bean
  IdentityProviderSignIn identityProviderSignIn(
      OidcSettings settings,
      ClientRegistrationRepository oidcClientRegistrations,
      OidcAccounts accounts,
      ApplicationEventPublisher events) {
    return new OidcSignIn(settings, oidcClientRegistrations, accounts, events);
  }
}
