package com.diffusionlab.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.diffusionlab.identity.IdentityProviderSignIn;
import com.diffusionlab.identity.internal.UserRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Sign-in through the identity provider is off unless configured, and a mistake stops the start.
 */
class OidcConfigurationTest {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withUserConfiguration(OidcConfiguration.class)
          .withBean(UserRepository.class, () -> mock(UserRepository.class));

  @Test
  void offUnlessConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(IdentityProviderSignIn.class));
    // a compose file's unset variables
    runner
        .withPropertyValues("dlab.security.oidc.issuer-uri=", "dlab.security.oidc.client-id= ")
        .run(context -> assertThat(context).doesNotHaveBean(IdentityProviderSignIn.class));
  }

  @Test
  void aMistakeStopsTheStartNamingTheProperty() {
    runner
        .withPropertyValues(
            "dlab.security.oidc.client-id=lab", "dlab.security.oidc.roles.viewer=staff")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "dlab.security.oidc.issuer-uri is missing: the identity provider's issuer"
                            + " URL"));
  }

  @Test
  void anIssuerThatDoesNotAnswerStopsTheStart() {
    runner
        .withPropertyValues(
            "dlab.security.oidc.issuer-uri=http://127.0.0.1:9/realms/lab",
            "dlab.security.oidc.client-id=lab",
            "dlab.security.oidc.client-secret=s",
            "dlab.security.oidc.roles.viewer=staff")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .hasStackTraceContaining(
                        "dlab.security.oidc.issuer-uri='http://127.0.0.1:9/realms/lab' did not"
                            + " answer as an OpenID Connect issuer"));
  }
}
