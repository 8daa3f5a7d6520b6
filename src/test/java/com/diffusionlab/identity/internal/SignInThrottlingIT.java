package com.diffusionlab.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.GovernedWorkspaceTestSupport;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.SignInRefusedException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Failed sign-ins slow down, then lock the account (until an administrator unlocks it) or block the
 * address (for a while): refused attempts are answered without a password check, the right password
 * does not sign in during a lock, and a success clears the account's count.
 */
class SignInThrottlingIT extends GovernedWorkspaceTestSupport {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String WRONG = "Not-The-Password-1";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthenticationProvider passwords;

  private String user(String prefix) {
    String name = prefix + "-" + NAMES.incrementAndGet();
    TestUsers.ensure(identity, name, Role.RESEARCHER);
    return name;
  }

  private RestClient as(String username, String password) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port + "/api/v1")
        .defaultHeaders(headers -> headers.setBasicAuth(username, password))
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
        .build();
  }

  private ResponseEntity<JsonNode> me(String username, String password) {
    return as(username, password).get().uri("/users/me").retrieve().toEntity(JsonNode.class);
  }

  private static String type(ResponseEntity<JsonNode> answer) {
    return answer.getBody().get("type").asString();
  }

  @Test
  void twoHundredWrongPasswordsAreMostlyRefusedUnheardAndEndInALockOnlyAnAdministratorLifts() {
    String target = user("lock-target");
    Map<Integer, Integer> statuses = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      ResponseEntity<JsonNode> answer = me(target, WRONG);
      statuses.merge(answer.getStatusCode().value(), 1, Integer::sum);
      if (answer.getStatusCode().value() == 429) {
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        assertThat(type(answer)).isEqualTo("/api/problems/sign-in-delayed");
        assertThat(answer.getBody().get("detail").asString())
            .isEqualTo("too many failed sign-ins for this account; try again in 10 s");
      }
    }
    assertThat(statuses)
        .as(
            "two wrong passwords are told as such; the third starts a delay, during which"
                + " nothing is checked")
        .containsExactlyInAnyOrderEntriesOf(Map.of(401, 2, 429, 198));
    assertThat(me(target, TestUsers.PASSWORD).getStatusCode().value())
        .as("nor the right password, during the delay")
        .isEqualTo(429);

    // each wait passed, one more wrong password: the delay doubles, then the account locks
    for (long seconds : new long[] {10, 20, 40}) {
      clock.advance(Duration.ofSeconds(seconds));
      ResponseEntity<JsonNode> answer = me(target, WRONG);
      if (seconds < 40) {
        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getHeaders().getFirst("Retry-After"))
            .isEqualTo(Long.toString(seconds * 2));
      } else {
        assertThat(answer.getStatusCode().value()).isEqualTo(423);
        assertThat(type(answer)).isEqualTo("/api/problems/account-locked");
        assertThat(answer.getBody().get("detail").asString())
            .contains("locked after too many failed sign-ins")
            .contains("ask an administrator");
        assertThat(answer.getHeaders().containsHeader("Retry-After")).isFalse();
      }
    }
    clock.advance(Duration.ofDays(3));
    assertThat(me(target, TestUsers.PASSWORD).getStatusCode().value())
        .as("the right password, days later: still locked")
        .isEqualTo(423);
    assertThat(audit.all())
        .anySatisfy(
            event -> {
              assertThat(event.action()).isEqualTo("sign-in.lock");
              assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
              assertThat(event.target()).isEqualTo("user " + target);
              assertThat(event.address()).isEqualTo("127.0.0.1");
            });

    RestClient admin = as("admin", ADMIN_PASSWORD);
    JsonNode listed =
        admin.get().uri("/users/{name}", target).retrieve().toEntity(JsonNode.class).getBody();
    assertThat(listed.get("locked").asBoolean()).isTrue();
    assertThat(
            as(target, TestUsers.PASSWORD)
                .post()
                .uri("/users/{name}/unlock", target)
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .as("nobody unlocks themselves")
        .isEqualTo(423);
    ResponseEntity<JsonNode> unlocked =
        admin.post().uri("/users/{name}/unlock", target).retrieve().toEntity(JsonNode.class);
    assertThat(unlocked.getStatusCode().value()).isEqualTo(200);
    assertThat(unlocked.getBody().get("locked").asBoolean()).isFalse();
    assertThat(audit.all())
        .anySatisfy(
            event -> {
              assertThat(event.action()).isEqualTo("user.unlock");
              assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCEEDED);
              assertThat(event.target()).isEqualTo("user " + target);
            });

    assertThat(me(target, TestUsers.PASSWORD).getStatusCode().value()).isEqualTo(200);
    assertThat(me(target, WRONG).getStatusCode().value())
        .as("the unlock cleared the count: a wrong password is just wrong again")
        .isEqualTo(401);
  }

  @Test
  void aSuccessfulSignInClearsTheAccountsCount() {
    String target = user("forgetful");
    for (int round = 0; round < 3; round++) {
      assertThat(me(target, WRONG).getStatusCode().value()).isEqualTo(401);
      assertThat(me(target, WRONG).getStatusCode().value()).isEqualTo(401);
      assertThat(me(target, TestUsers.PASSWORD).getStatusCode().value()).isEqualTo(200);
    }
  }

  @Test
  void anUnlockedAccountThatWasNeverLockedStaysAsItIsAndAStrangerIsNotFound() {
    String target = user("never-locked");
    RestClient admin = as("admin", ADMIN_PASSWORD);
    ResponseEntity<JsonNode> unlocked =
        admin.post().uri("/users/{name}/unlock", target).retrieve().toEntity(JsonNode.class);
    assertThat(unlocked.getStatusCode().value()).isEqualTo(200);
    assertThat(unlocked.getBody().get("locked").asBoolean()).isFalse();
    assertThat(
            admin
                .post()
                .uri("/users/{name}/unlock", "nobody-here")
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(
            as(target, TestUsers.PASSWORD)
                .post()
                .uri("/users/{name}/unlock", target)
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .as("researchers unlock nobody")
        .isEqualTo(403);
  }

  private Authentication signIn(String username, String password, String address) {
    UsernamePasswordAuthenticationToken attempt =
        UsernamePasswordAuthenticationToken.unauthenticated(username, password);
    attempt.setDetails(new WebAuthenticationDetails(address, null));
    return passwords.authenticate(attempt);
  }

  @Test
  void anAddressThatTriesManyAccountsIsDelayedThenBlockedForAWhileAndOthersAreNot() {
    String known = user("bystander");
    String attacker = "203.0.113.7";
    for (int i = 0; i < 7; i++) {
      String guess = "guess-" + i;
      assertThatThrownBy(() -> signIn(guess, WRONG, attacker))
          .isInstanceOf(BadCredentialsException.class);
    }
    assertThatThrownBy(() -> signIn("guess-7", WRONG, attacker))
        .isInstanceOfSatisfying(
            SignInRefusedException.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(SignInRefusedException.Reason.ADDRESS_DELAYED);
              assertThat(refused.retryAfter()).hasValue(Duration.ofSeconds(10));
            });
    assertThatThrownBy(() -> signIn(known, TestUsers.PASSWORD, attacker))
        .as("during the delay, not even a right password from there")
        .isInstanceOf(SignInRefusedException.class);
    assertThat(signIn(known, TestUsers.PASSWORD, "198.51.100.1").isAuthenticated())
        .as("another address is not delayed")
        .isTrue();

    clock.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> signIn("guess-8", WRONG, attacker))
        .isInstanceOfSatisfying(
            SignInRefusedException.class,
            refused -> assertThat(refused.retryAfter()).hasValue(Duration.ofSeconds(20)));
    clock.advance(Duration.ofSeconds(20));
    assertThatThrownBy(() -> signIn("guess-9", WRONG, attacker))
        .isInstanceOfSatisfying(
            SignInRefusedException.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(SignInRefusedException.Reason.ADDRESS_DELAYED);
              assertThat(refused.retryAfter()).hasValue(Duration.ofMinutes(15));
              assertThat(refused.getMessage())
                  .isEqualTo("too many failed sign-ins from this address; try again in 900 s");
            });
    assertThat(audit.all())
        .anySatisfy(
            event -> {
              assertThat(event.action()).isEqualTo("sign-in.block");
              assertThat(event.target()).isEqualTo("address " + attacker);
            });
    clock.advance(Duration.ofMinutes(14));
    assertThatThrownBy(() -> signIn(known, TestUsers.PASSWORD, attacker))
        .isInstanceOf(SignInRefusedException.class);
    assertThat(identity.find("guess-1")).as("the guesses made no accounts").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(signIn(known, TestUsers.PASSWORD, attacker).isAuthenticated())
        .as("the block ends by itself")
        .isTrue();
  }
}
