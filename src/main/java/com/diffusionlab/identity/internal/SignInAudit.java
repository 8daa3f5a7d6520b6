package com.diffusionlab.identity.internal;

import com.diffusionlab.AuditEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Spring Security's sign-in events as audit events: each sign-in through the sign-in page (not
 * every HTTP Basic request, which authenticates anew each time), every failed attempt by whatever
 * way (with the username tried, which need not exist), and each sign-out. The address is the one
 * the attempt came from, which Spring Security keeps with it.
 */
@Component
class SignInAudit {

  private final ApplicationEventPublisher events;

  SignInAudit(ApplicationEventPublisher events) {
    this.events = events;
  }

  @EventListener
  void signedIn(InteractiveAuthenticationSuccessEvent event) {
    publish(AuditEvent.succeeded("sign-in.success", ""), event.getAuthentication());
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    publish(
        new AuditEvent(
            "sign-in.failure",
            "",
            AuditEvent.Outcome.REFUSED,
            event.getException().getMessage(),
            null,
            null),
        event.getAuthentication());
  }

  @EventListener
  void signedOut(LogoutSuccessEvent event) {
    publish(AuditEvent.succeeded("sign-out.success", ""), event.getAuthentication());
  }

  private void publish(AuditEvent event, Authentication authentication) {
    String address =
        authentication.getDetails() instanceof WebAuthenticationDetails web
            ? web.getRemoteAddress()
            : null;
    events.publishEvent(event.by(authentication.getName(), address));
  }
}
