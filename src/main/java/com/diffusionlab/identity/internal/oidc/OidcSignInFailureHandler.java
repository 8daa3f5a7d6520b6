package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.identity.IdentityProviderSignIn;
import com.diffusionlab.identity.Usernames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * A sign-in through the identity provider that did not succeed: a failure event published, why kept
 * in the session for the sign-in page, and the browser sent there.
 */
final class OidcSignInFailureHandler implements AuthenticationFailureHandler {

  private static final Logger LOG = LoggerFactory.getLogger(OidcSignInFailureHandler.class);

  /** Whom a failure is recorded against when the provider never said who it was. */
  static final String UNKNOWN = "(identity provider)";

  private final ApplicationEventPublisher events;
  private final String providerName;
  private final RedirectStrategy redirect = new DefaultRedirectStrategy();

  OidcSignInFailureHandler(ApplicationEventPublisher events, String providerName) {
    this.events = events;
    this.providerName = providerName;
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String who = exception instanceof OidcRefusal refusal ? refusal.who() : UNKNOWN;
    UsernamePasswordAuthenticationToken attempt =
        UsernamePasswordAuthenticationToken.unauthenticated(who, null);
    attempt.setDetails(new WebAuthenticationDetails(request));
    events.publishEvent(new OidcSignInFailed(attempt, exception));
    // the whole story for the operator; the person signing in sees the short one
    LOG.info(
        "Sign-in through {} of {} did not succeed: {}", providerName, who, describe(exception));
    request.getSession().setAttribute(IdentityProviderSignIn.FAILURE_ATTRIBUTE, reason(exception));
    redirect.sendRedirect(request, response, "/login?" + IdentityProviderSignIn.FAILURE_PARAMETER);
  }

  private static String describe(AuthenticationException exception) {
    return exception instanceof OAuth2AuthenticationException oauth
        ? oauth.getError().toString()
        : exception.toString();
  }

  /**
   * Our own refusals in full; for anything else only the standard error code, since a provider's
   * description is not ours to show.
   */
  private String reason(AuthenticationException exception) {
    if (exception instanceof OidcRefusal refusal) {
      return "Signed in at " + providerName + ", but " + refusal.getError().getDescription() + ".";
    }
    String code =
        exception instanceof OAuth2AuthenticationException oauth
            ? Usernames.shown(oauth.getError().getErrorCode())
            : "unexpected";
    return "Sign-in through " + providerName + " did not succeed (" + code + ").";
  }
}
