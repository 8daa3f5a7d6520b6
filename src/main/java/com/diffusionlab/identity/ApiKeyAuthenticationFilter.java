package com.diffusionlab.identity;

import com.diffusionlab.identity.internal.ApiKeyChecks;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in with {@code Authorization: Bearer dlab_…}: a key that is unknown, revoked or
 * whose user is disabled is answered by the entry point (401), a method the key's scope does not
 * allow by the access-denied handler (403). A request with another kind of credentials goes on
 * untouched. Nothing is kept in a session: the key comes with every request.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
  private static final String BEARER = "bearer ";

  private final ApiKeyChecks checks;
  private final AuthenticationEntryPoint signIn;
  private final AccessDeniedHandler denied;
  private final SecurityContextRepository thisRequest =
      new RequestAttributeSecurityContextRepository();

  ApiKeyAuthenticationFilter(
      ApiKeyChecks checks, AuthenticationEntryPoint signIn, AccessDeniedHandler denied) {
    this.checks = checks;
    this.signIn = signIn;
    this.denied = denied;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> secret = bearer(request);
    if (secret.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    Optional<ApiKeyAuthentication> key = checks.check(secret.get());
    if (key.isEmpty()) {
      holder.clearContext();
      signIn.commence(
          request,
          response,
          new InvalidApiKeyException(
              "the API key is not one the workspace knows, was revoked, or its user is disabled"));
      return;
    }
    if (!key.get().scope().allows(request.getMethod())) {
      holder.clearContext();
      denied.handle(
          request,
          response,
          new AccessDeniedException(
              "this API key's scope is READ: it makes GET, HEAD and OPTIONS requests only; create a"
                  + " GENERATE or ADMIN key for "
                  + request.getMethod()));
      return;
    }
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(key.get());
    holder.setContext(context);
    // for this request only, and for its async dispatch (a streamed download's body)
    thisRequest.saveContext(context, request, response);
    chain.doFilter(request, response);
  }

  private static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return Optional.of(header.substring(BEARER.length()).strip());
  }
}
