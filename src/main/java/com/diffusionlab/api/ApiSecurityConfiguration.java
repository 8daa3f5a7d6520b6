package com.diffusionlab.api;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.StaleSessionFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The REST API: HTTP Basic (or the browser's signed-in session, for images in the UI), no CSRF
 * tokens; the OpenAPI description, the readiness endpoint and the problem types are public. The
 * same chain guards {@code /actuator} (metrics), for administrators only. A refusal is problem JSON
 * written here: {@code sendError} would go through the container's error page, which is outside the
 * API.
 */
@Configuration
// a worker-only node (dlab worker) serves no web requests
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, ApiProblems problems, IdentityService identity)
      throws Exception {
    AuthenticationEntryPoint signIn =
        (request, response, failure) -> problems.write(response, problems.answer(failure, request));
    return http.securityMatcher(ApiPaths.ROOT + "/**", ApiPaths.ACTUATOR + "/**")
        .addFilterBefore(new StaleSessionFilter(identity), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        ApiPaths.DOCS,
                        ApiPaths.DOCS + "/**",
                        ReadinessApi.PATH,
                        ProblemType.BASE + "*")
                    .permitAll()
                    // metrics (README, Metrics and dashboards): administrators, by any of the
                    // API's ways of signing in
                    .requestMatchers(ApiPaths.ACTUATOR + "/**")
                    .hasAuthority(Role.ADMIN.authority())
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(signIn))
        .csrf(AbstractHttpConfigurer::disable)
        // a refused API call is not kept in a new session to replay after a sign-in page
        .requestCache(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(signIn)
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            problems.write(response, problems.answer(denied, request))))
        .build();
  }
}
