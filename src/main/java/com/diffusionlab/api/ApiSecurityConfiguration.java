package com.diffusionlab.api;

import com.diffusionlab.identity.ApiKeyService;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.RequestRateLimiter;
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
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The REST API: API keys ({@code Authorization: Bearer dlab_…}) or HTTP Basic; the browser's
 * signed-in session only for requests that read (images in the UI), so that no page on another
 * origin can change anything through a signed-in browser, and no CSRF tokens are needed. The
 * OpenAPI description, the readiness endpoint and the problem types are public. The same chain
 * guards {@code /actuator} (metrics), for administrators only. A refusal is problem JSON written
 * here: {@code sendError} would go through the container's error page, which is outside the API.
 */
@Configuration
// a worker-only node (dlab worker) serves no web requests
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiProblems problems,
      IdentityService identity,
      ApiKeyService keys,
      RequestRateLimiter rateLimiter)
      throws Exception {
    AuthenticationEntryPoint signIn =
        (request, response, failure) -> problems.write(response, problems.answer(failure, request));
    AccessDeniedHandler denied =
        (request, response, refusal) -> problems.write(response, problems.answer(refusal, request));
    return http.securityMatcher(ApiPaths.ROOT + "/**", ApiPaths.ACTUATOR + "/**")
        // the request's own sign-in (a key, HTTP Basic) also for the dispatch that streams a
        // download's body; the browser's session only to read
        .securityContext(
            context ->
                context.securityContextRepository(
                    new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new SessionReadsOnly())))
        .addFilterBefore(keys.signInFilter(signIn, denied), BasicAuthenticationFilter.class)
        .addFilterBefore(new StaleSessionFilter(identity), AnonymousAuthenticationFilter.class)
        .addFilterAfter(new RateLimitFilter(rateLimiter, problems), AuthorizationFilter.class)
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
            exceptions -> exceptions.authenticationEntryPoint(signIn).accessDeniedHandler(denied))
        .build();
  }
}
