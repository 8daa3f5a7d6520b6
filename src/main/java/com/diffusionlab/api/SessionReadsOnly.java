package com.diffusionlab.api;

import com.diffusionlab.identity.ApiKeyScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where the API finds who signed in through the browser: in the session for a request that only
 * reads (GET, HEAD, OPTIONS: the UI shows images through the API), nowhere for one that changes
 * something. A page on another origin can make a signed-in browser send a POST with the session
 * cookie, never with an API key or HTTP Basic credentials the page does not know, so a
 * state-changing call must bring those. The API never puts anything into the session.
 */
final class SessionReadsOnly implements SecurityContextRepository {
  private final HttpSessionSecurityContextRepository session =
      new HttpSessionSecurityContextRepository();

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    if (ApiKeyScope.isSafe(request.getMethod())) {
      return session.loadDeferredContext(request);
    }
    return new DeferredSecurityContext() {
      @Override
      public SecurityContext get() {
        return SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
      }

      @Override
      public boolean isGenerated() {
        return true;
      }
    };
  }

  @Override
  @Deprecated
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return loadDeferredContext(holder.getRequest()).get();
  }

  @Override
  public void saveContext(
      SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    // nothing: API calls carry their credentials with every request
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return ApiKeyScope.isSafe(request.getMethod()) && session.containsContext(request);
  }
}
