package com.diffusionlab.api;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.StaleSessionFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The REST API: HTTP Basic (or the browser's signed-in session, for images in the UI), no CSRF
 * tokens, JSON errors; the OpenAPI description is public.
 */
@Configuration
class ApiSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identity) throws Exception {
    return http.securityMatcher("/api/**")
        .addFilterBefore(new StaleSessionFilter(identity), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/api/docs", "/api/docs/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(ApiSecurityConfiguration::unauthorized))
        .csrf(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(ApiSecurityConfiguration::unauthorized))
        .build();
  }

  /**
   * 401 written directly: {@code sendError} would dispatch to the error page, which lies outside
   * the API and answers with a redirect to the login view.
   */
  private static void unauthorized(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Diffusion Lab\"");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"message\":\"sign in with HTTP Basic\"}");
  }
}
