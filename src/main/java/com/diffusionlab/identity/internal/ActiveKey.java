package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.ApiKeyScope;
import com.diffusionlab.identity.Role;

/** A key that is not revoked, with what its user is now: all a request's check needs. */
public record ActiveKey(
    long keyId, ApiKeyScope scope, long userId, String username, Role role, boolean enabled) {}
