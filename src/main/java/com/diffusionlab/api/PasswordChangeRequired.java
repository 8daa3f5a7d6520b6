package com.diffusionlab.api;

import com.diffusionlab.identity.IdentityService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A user whose password is one-time (new, or reset by an administrator) may only read their account
 * and change their password: every other call is refused with 403 saying how. Refused as an {@link
 * AccessDeniedException}, so the answer has the API's error format.
 */
@Configuration
class PasswordChangeRequired implements HandlerInterceptor, WebMvcConfigurer {

  static final String MESSAGE =
      "your password is one-time: change it first with PUT /api/v1/users/me/password"
          + " (currentPassword, newPassword)";

  private final IdentityService identity;

  PasswordChangeRequired(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(this)
        .addPathPatterns("/api/v1/**")
        .excludePathPatterns("/api/v1/users/me", "/api/v1/users/me/password");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (identity.mustChangePassword()) {
      throw new AccessDeniedException(MESSAGE);
    }
    return true;
  }
}
