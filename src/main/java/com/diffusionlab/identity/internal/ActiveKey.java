package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.ApiKeyScope;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;

/**
 * A key that is not revoked, with what its user is now: all a request's check needs, and all the
 * request then needs to know of its user ({@link #account}).
 */
public record ActiveKey(
    long keyId,
    ApiKeyScope scope,
    long userId,
    String username,
    Role role,
    boolean enabled,
    boolean mustChangePassword) {

  RequestAccounts.Account account() {
    return new RequestAccounts.Account(
        new LabUser(userId, username, role), enabled, mustChangePassword);
  }
}
