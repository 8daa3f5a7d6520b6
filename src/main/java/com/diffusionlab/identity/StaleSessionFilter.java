package com.diffusionlab.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session whose user has since been disabled, removed or given another role: the
 * request goes on unauthenticated, so the chain's own entry point answers (the UI's sign-in page,
 * the API's 401). Placed in a security chain after its authentication filters, before the anonymous
 * one; it costs one look-up by username per request.
 */
public final class StaleSessionFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  public StaleSessionFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken)
        // a key's user was checked with the key, and the key may act with a narrower role
        && !(authentication instanceof ApiKeyAuthentication)
        && !stands(authentication)) {
      SecurityContextHolder.clearContext();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
    }
    chain.doFilter(request, response);
  }

  private boolean stands(Authentication authentication) {
    return role(authentication)
        .map(role -> identity.stillStands(authentication.getName(), role))
        .orElse(false);
  }

  private static Optional<Role> role(Authentication authentication) {
    return authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .flatMap(
            authority ->
                Arrays.stream(Role.values()).filter(role -> role.authority().equals(authority)))
        .findFirst();
  }
}
