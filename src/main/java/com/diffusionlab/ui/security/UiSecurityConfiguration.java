package com.diffusionlab.ui.security;

import com.diffusionlab.identity.IdentityProviderSignIn;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.StaleSessionFilter;
import com.diffusionlab.ui.views.LoginView;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The workspace UI: form login on the login view (and the identity provider's when configured),
 * every view guarded by its annotation. Vaadin's own requests carry Vaadin's CSRF token; every
 * other POST, the sign-in among them, needs Spring Security's, which the login form sends from the
 * page's {@code _csrf} meta tags (Vaadin's default would exempt the sign-in, letting another site
 * sign a browser in to an account of its choosing).
 */
@Configuration
// a worker-only node (dlab worker) serves no web requests
@ConditionalOnWebApplication
@EnableWebSecurity
class UiSecurityConfiguration {

  @Bean
  @Order(2)
  SecurityFilterChain uiSecurity(
      HttpSecurity http,
      IdentityService identity,
      RequestUtil vaadin,
      ObjectProvider<IdentityProviderSignIn> identityProvider)
      throws Exception {
    // beside the password form when configured: sign-in through the company's identity provider
    IdentityProviderSignIn provider = identityProvider.getIfAvailable();
    if (provider != null) {
      provider.configure(http);
    }
    http.addFilterBefore(new StaleSessionFilter(identity), AnonymousAuthenticationFilter.class);
    http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadin::isFrameworkInternalRequest));
    // the project's stylesheet and icon are static resources the login page needs too
    http.authorizeHttpRequests(
        requests -> requests.requestMatchers("/styles/**", "/icons/**").permitAll());
    // an address that matches no rule (an unknown page) reaches Vaadin for a signed-in user, who
    // then sees the not-found page inside the workspace instead of a bare 403; others sign in
    return http.with(
            VaadinSecurityConfigurer.vaadin(),
            configurer ->
                configurer
                    .enableCsrfConfiguration(false)
                    .loginView(LoginView.class)
                    .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated))
        .build();
  }
}
