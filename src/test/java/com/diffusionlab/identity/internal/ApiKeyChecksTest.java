package com.diffusionlab.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.identity.ApiKeyAuthentication;
import com.diffusionlab.identity.ApiKeyScope;
import com.diffusionlab.identity.Role;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How a node checks keys: from memory for {@code recheck-after}, from the database after it, at
 * once again after a revocation or a user's change; a use recorded at most once a minute. Also
 * prints what one check costs when the key is known.
 */
class ApiKeyChecksTest {

  private final ApiKeySecrets secrets = new ApiKeySecrets();
  private final Map<String, ActiveKey> table = new HashMap<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final List<Long> usesRecorded = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RequestAccounts accounts = new RequestAccounts(usersNeverRead());
  private final ApiKeyChecks checks =
      new ApiKeyChecks(
          repository(), accounts, new ApiKeyProperties(Duration.ofSeconds(10), 100), clock);

  /** Users' rows, which a request signed with a key never reads: its key's check brought them. */
  private static UserRepository usersNeverRead() {
    return (UserRepository)
        Proxy.newProxyInstance(
            UserRepository.class.getClassLoader(),
            new Class<?>[] {UserRepository.class},
            (proxy, method, args) -> {
              throw new AssertionError("read the users table: " + method.getName());
            });
  }

  private ApiKeyRepository repository() {
    return (ApiKeyRepository)
        Proxy.newProxyInstance(
            ApiKeyRepository.class.getClassLoader(),
            new Class<?>[] {ApiKeyRepository.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "findActive" -> {
                    queries.add((String) args[0]);
                    yield Optional.ofNullable(table.get((String) args[0]));
                  }
                  case "recordUse" -> {
                    usesRecorded.add((Long) args[0]);
                    yield 1;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private String key(long id, ApiKeyScope scope, long userId, Role role, boolean enabled) {
    String secret = secrets.generate();
    table.put(
        ApiKeySecrets.hash(secret),
        new ActiveKey(id, scope, userId, "user" + userId, role, enabled, false));
    return secret;
  }

  @Test
  void secretsAreLongRandomAndKeptOnlyAsTheirHash() {
    String one = secrets.generate();
    String other = secrets.generate();
    assertThat(one).startsWith("dlab_").hasSize(5 + 43).isNotEqualTo(other);
    assertThat(ApiKeySecrets.wellFormed(one)).isTrue();
    assertThat(ApiKeySecrets.hash(one)).hasSize(64).matches("[0-9a-f]+").doesNotContain(one);
    assertThat(ApiKeySecrets.prefix(one)).hasSize(11).isEqualTo(one.substring(0, 11));
    for (String malformed :
        new String[] {null, "", "dlab_", "dlab_short", one + "x", "xlab_" + one.substring(5)}) {
      assertThat(ApiKeySecrets.wellFormed(malformed)).as(malformed).isFalse();
    }
  }

  @Test
  void aKnownKeyIsCheckedFromMemoryUntilItIsDueForARecheck() {
    String secret = key(7, ApiKeyScope.GENERATE, 3, Role.RESEARCHER, true);
    Optional<ApiKeyAuthentication> first = checks.check(secret);
    assertThat(first).isPresent();
    assertThat(first.get().getName()).isEqualTo("user3");
    assertThat(first.get().keyId()).isEqualTo(7);
    checks.check(secret);
    clock.advance(Duration.ofSeconds(9));
    checks.check(secret);
    assertThat(queries).as("one query within recheck-after").hasSize(1);

    clock.advance(Duration.ofSeconds(2));
    table.clear(); // revoked on another node
    assertThat(checks.check(secret)).as("after recheck-after the database decides").isEmpty();
    assertThat(queries).hasSize(2);
  }

  @Test
  void unknownMalformedAndDisabledUsersKeysAreRefused() {
    assertThat(checks.check(secrets.generate())).isEmpty();
    assertThat(checks.check("dlab_nonsense")).isEmpty();
    assertThat(queries).as("a malformed secret is not looked up").hasSize(1);
    String disabled = key(8, ApiKeyScope.ADMIN, 4, Role.ADMIN, false);
    assertThat(checks.check(disabled)).isEmpty();
  }

  @Test
  void revokingOrChangingTheUserIsSeenAtOnceOnThisNode() {
    String secret = key(9, ApiKeyScope.ADMIN, 5, Role.ADMIN, true);
    String other = key(10, ApiKeyScope.READ, 6, Role.VIEWER, true);
    assertThat(checks.check(secret)).isPresent();
    assertThat(checks.check(other)).isPresent();

    table.put(
        ApiKeySecrets.hash(secret),
        new ActiveKey(9, ApiKeyScope.ADMIN, 5, "user5", Role.VIEWER, true, false));
    checks.forgetUser(5);
    assertThat(authorities(checks.check(secret).orElseThrow()))
        .as("the key acts with the user's new role at once")
        .containsExactly("ROLE_VIEWER");

    table.remove(ApiKeySecrets.hash(secret));
    checks.forgetKey(9);
    assertThat(checks.check(secret)).isEmpty();
    int before = queries.size();
    assertThat(checks.check(other)).as("other keys stay known").isPresent();
    assertThat(queries).hasSize(before);
  }

  @Test
  void aRequestSignedWithAKeyKnowsItsUserFromTheKeysCheck() {
    String secret = key(16, ApiKeyScope.READ, 12, Role.RESEARCHER, true);
    table.put(
        ApiKeySecrets.hash(secret),
        new ActiveKey(16, ApiKeyScope.READ, 12, "user12", Role.RESEARCHER, true, true));
    RequestContextHolder.setRequestAttributes(
        new ServletRequestAttributes(new MockHttpServletRequest()));
    try {
      checks.check(secret);
      RequestAccounts.Account account = accounts.find("user12").orElseThrow();
      assertThat(account.user().role())
          .as("the user's own role, not the key's narrower scope")
          .isEqualTo(Role.RESEARCHER);
      assertThat(account.mustChangePassword()).isTrue();
      assertThat(accounts.find(12).orElseThrow()).isEqualTo(account);
    } finally {
      RequestContextHolder.resetRequestAttributes();
    }
  }

  @Test
  void aGenerateKeyActsAsAResearcherAtMost() {
    assertThat(authorities(checks.check(key(11, ApiKeyScope.GENERATE, 7, Role.ADMIN, true)).get()))
        .containsExactly("ROLE_RESEARCHER");
    assertThat(authorities(checks.check(key(12, ApiKeyScope.ADMIN, 8, Role.ADMIN, true)).get()))
        .containsExactly("ROLE_ADMIN");
    assertThat(authorities(checks.check(key(13, ApiKeyScope.ADMIN, 9, Role.VIEWER, true)).get()))
        .as("never more than the user's role")
        .containsExactly("ROLE_VIEWER");
  }

  @Test
  void useIsRecordedAtMostOnceAMinute() {
    String secret = key(14, ApiKeyScope.READ, 10, Role.VIEWER, true);
    for (int i = 0; i < 50; i++) {
      checks.check(secret);
    }
    assertThat(usesRecorded).containsExactly(14L);
    clock.advance(Duration.ofSeconds(30));
    checks.check(secret);
    assertThat(usesRecorded).hasSize(1);
    clock.advance(Duration.ofSeconds(31));
    checks.check(secret);
    assertThat(usesRecorded).as("a minute later, and across a recheck").containsExactly(14L, 14L);
  }

  /** Not a benchmark with a verdict: what one check of a known key costs, printed. */
  @Test
  void printsWhatOneCheckOfAKnownKeyCosts() {
    String secret = key(15, ApiKeyScope.GENERATE, 11, Role.RESEARCHER, true);
    int rounds = 200_000;
    for (int i = 0; i < rounds; i++) {
      checks.check(secret); // warm-up
    }
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      checks.check(secret);
    }
    double micros = (System.nanoTime() - start) / 1e3 / rounds;
    System.out.printf("API key check (known key, SHA-256 and a map look-up): %.2f µs%n", micros);
    assertThat(queries).hasSize(1);
  }

  private static List<String> authorities(ApiKeyAuthentication key) {
    return key.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
