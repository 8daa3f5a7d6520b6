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
 */
public record UserAccount(
    String username,
    Role role,
    boolean enabled,
    boolean locked,
    boolean mustChangePassword,
    Instant createdAt,
    Instant lastSignInAt,
    Theme theme) {}
