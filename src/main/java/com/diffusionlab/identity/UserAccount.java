package com.diffusionlab.identity;

import java.time.Instant;

/**
 * A user as administrators and the user themselves see it.
 *
 * @param locked too many failed sign-ins locked the account: it signs in again once an
 *     administrator unlocks it
 * @param mustChangePassword the password was set by an administrator (a new user, a reset) and must
 *     be changed before anything else is done
 * @param lastSignInAt the latest sign-in (UI or REST), to the minute; null before the first
 * @param identityProvider the OpenID Connect issuer this user signs in through, whose password is
 *     kept there; null for a user with a local password
 */
public record UserAccount(
    String username,
    Role role,
    boolean enabled,
    boolean locked,
    boolean mustChangePassword,
    Instant createdAt,
    Instant lastSignInAt,
    Theme theme,
    String identityProvider) {

  /** Whether this user has a password kept here, which they change and administrators reset. */
  public boolean hasLocalPassword() {
    return identityProvider == null;
  }
}
