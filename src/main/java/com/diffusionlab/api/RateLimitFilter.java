package com.diffusionlab.api;

import com.diffusionlab.identity.RequestRateLimiter;
import com.diffusionlab.identity.RequestRateLimiter.Access;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to a signed-in API caller over its request rate, before the
 * request reaches a controller. Requests without a signed-in caller (the public endpoints, or a
 * sign-in about to be refused) pass: sign-in throttling covers those.
 */
final class RateLimitFilter extends OncePerRequestFilter {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final RequestRateLimiter limiter;
  private final ApiProblems problems;

  RateLimitFilter(RequestRateLimiter limiter, ApiProblems problems) {
    this.limiter = limiter;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller == null
        || !caller.isAuthenticated()
        || caller instanceof AnonymousAuthenticationToken) {
      chain.doFilter(request, response);
      return;
    }
    Optional<RequestRateLimiter.Refusal> refusal =
        limiter.admit(caller, READS.contains(request.getMethod()) ? Access.READ : Access.WRITE);
    if (refusal.isPresent()) {
      problems.write(response, problems.rateLimited(refusal.get(), request));
      return;
    }
    chain.doFilter(request, response);
  }
}
