package com.diffusionlab.governance.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.AuditEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who and where an entry names: the event's own actor and address first, then the signed-in user
 * with the address of the request this thread serves, or, with no request (a Vaadin action over the
 * push WebSocket), the address the user signed in from.
 */
class AuditOriginTest {

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
    RequestContextHolder.resetRequestAttributes();
  }

  private static void signedInFrom(String address) {
    MockHttpServletRequest signIn = new MockHttpServletRequest();
    signIn.setRemoteAddr(address);
    UsernamePasswordAuthenticationToken user =
        UsernamePasswordAuthenticationToken.authenticated(
            "ada", null, AuthorityUtils.createAuthorityList(List.of("ROLE_ADMIN")));
    user.setDetails(new WebAuthenticationDetails(signIn));
    SecurityContextHolder.getContext().setAuthentication(user);
  }

  private static void serving(String address) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setRemoteAddr(address);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
  }

  @Test
  void theEventsOwnActorAndAddressComeFirst() {
    signedInFrom("10.0.0.1");
    serving("10.0.0.2");
    AuditRecord record =
        AuditOrigin.of(AuditEvent.refused("sign-in.failure", "", "bad").by("eve", "10.6.6.6"));
    assertThat(record.actor()).isEqualTo("eve");
    assertThat(record.address()).isEqualTo("10.6.6.6");
  }

  @Test
  void theSignedInUserWithTheRequestsAddress() {
    signedInFrom("10.0.0.1");
    serving("10.0.0.2");
    AuditRecord record = AuditOrigin.of(AuditEvent.succeeded("session.close", "session 1"));
    assertThat(record.actor()).isEqualTo("ada");
    assertThat(record.address()).isEqualTo("10.0.0.2");
  }

  @Test
  void withoutARequestTheAddressTheUserSignedInFrom() {
    signedInFrom("10.0.0.1");
    AuditRecord record = AuditOrigin.of(AuditEvent.succeeded("session.close", "session 1"));
    assertThat(record.actor()).isEqualTo("ada");
    assertThat(record.address()).isEqualTo("10.0.0.1");
  }

  @Test
  void withNobodySignedInTheWorkspaceItself() {
    AuditRecord record = AuditOrigin.of(AuditEvent.succeeded("run.submit", "run 1"));
    assertThat(record.actor()).isEqualTo("(system)");
    assertThat(record.address()).isEmpty();
  }

  @Test
  void longTextsAreCutToTheirColumnsWithoutSplittingACharacter() {
    String detail = "x".repeat(3998) + "😀" + "tail";
    AuditRecord record =
        AuditOrigin.of(
            new AuditEvent("run.submit", "run 1", AuditEvent.Outcome.REFUSED, detail, "a", ""));
    assertThat(record.detail())
        .as("the emoji's two halves go together")
        .isEqualTo("x".repeat(3998) + "…");
    AuditRecord plain =
        AuditOrigin.of(
            new AuditEvent(
                "run.submit", "run 1", AuditEvent.Outcome.REFUSED, "y".repeat(5000), "a", ""));
    assertThat(plain.detail()).hasSize(4000).endsWith("y…");
  }
}
