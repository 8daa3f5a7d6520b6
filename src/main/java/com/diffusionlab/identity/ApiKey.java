package com.diffusionlab.identity;

import java.time.Instant;

/**
 * An API key as its user and administrators see it: never its secret.
 *
 * @param prefix the secret's first characters, enough to tell keys apart and to recognise one in a
 *     script, not to use it
 * @param lastUsedAt the latest request made with it, to the minute; null before the first
 */
public record ApiKey(
    long id,
    String name,
    ApiKeyScope scope,
    String prefix,
    String username,
    Instant createdAt,
    Instant lastUsedAt) {}
