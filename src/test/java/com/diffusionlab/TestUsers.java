package com.diffusionlab;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Users for tests, made the way the workspace makes them: an administrator adds the user with a
 * one-time password, and the user replaces it with {@link #PASSWORD}, so that they can work at
 * once. Test usernames must not occur in the passwords (the policy refuses that).
 */
public final class TestUsers {

  /** Every test user's password once they have changed the one-time one. */
  public static final String PASSWORD = "Quartz-Lantern-Meadow-42";

  /** The one-time password an administrator gives; tests that sign in with it expect the change. */
  public static final String ONE_TIME = "One-Time-Tulip-Harbor-3";

  private TestUsers() {}

  /** The user, created with {@link #PASSWORD} the first time it is asked for. */
  public static LabUser ensure(IdentityService identity, String username, Role role) {
    if (identity.find(username).isEmpty()) {
      as("test-admin", Role.ADMIN, () -> identity.create(username, ONE_TIME, role));
      as(username, role, () -> identity.changePassword(ONE_TIME, PASSWORD));
    }
    return identity.find(username).orElseThrow();
  }

  /**
   * Makes the application context's security context holder the JVM's again. Each workspace context
   * installs its own holder when it starts (Vaadin's, one thread-local each), and the test
   * framework keeps several contexts alive: a test of an earlier context would otherwise sign in
   * where its services do not look.
   */
  public static void signInThrough(ApplicationContext context) {
    context
        .getBeanProvider(SecurityContextHolderStrategy.class)
        .ifUnique(SecurityContextHolder::setContextHolderStrategy);
  }

  /** Runs {@code action} signed in as {@code username} with {@code role}, in this thread. */
  public static void as(String username, Role role, Runnable action) {
    call(
        username,
        role,
        () -> {
          action.run();
          return null;
        });
  }

  /** What {@code action} gives, signed in as {@code username} with {@code role}, in this thread. */
  public static <T> T call(String username, Role role, Supplier<T> action) {
    SecurityContext before = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            username, null, AuthorityUtils.createAuthorityList(List.of(role.authority()))));
    SecurityContextHolder.setContext(context);
    try {
      return action.get();
    } finally {
      SecurityContextHolder.setContext(before);
    }
  }
}
