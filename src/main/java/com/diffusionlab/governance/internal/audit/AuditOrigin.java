package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.AuditEvent;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who did an audited action and from where, when the event does not say: the signed-in user of this
 * thread, and the address of the HTTP request this thread serves or, failing that (a Vaadin action
 * that came over the push connection's WebSocket, which is no servlet request), the address the
 * user signed in from, which Spring Security keeps with the sign-in ({@link
 * WebAuthenticationDetails}) in the HTTP session the UI runs in.
 */
final class AuditOrigin {

  private AuditOrigin() {}

  static AuditRecord of(AuditEvent event) {
    Optional<Authentication> signedIn = signedIn();
    String actor =
        event.actor() != null
            ? event.actor()
            : signedIn.map(Authentication::getName).orElse(AuditEvent.SYSTEM_ACTOR);
    String address =
        event.address() != null
            ? event.address()
            : requestAddress().or(() -> signInAddress(signedIn)).orElse("");
    return AuditRecord.of(event, actor, address);
  }

  private static Optional<Authentication> signedIn() {
    return Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication())
        .filter(Authentication::isAuthenticated)
        .filter(authentication -> !(authentication instanceof AnonymousAuthenticationToken));
  }

  private static Optional<String> requestAddress() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
        ? Optional.ofNullable(servlet.getRequest().getRemoteAddr())
        : Optional.empty();
  }

  private static Optional<String> signInAddress(Optional<Authentication> signedIn) {
    return signedIn
        .map(Authentication::getDetails)
        .filter(WebAuthenticationDetails.class::isInstance)
        .map(details -> ((WebAuthenticationDetails) details).getRemoteAddress());
  }
}
