package com.diffusionlab.identity;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What an API key may do, never more than its user's current role allows: {@link #READ} only reads
 * (GET, HEAD, OPTIONS), {@link #GENERATE} also submits, replays, cancels, tags, annotates and
 * exports, with at most a researcher's powers, {@link #ADMIN} does all the user's role allows.
 */
public enum ApiKeyScope {
  READ,
  GENERATE,
  ADMIN;

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  /**
   * A scope by name, in any case.
   *
   * @throws InvalidRequestException naming {@code field} for anything else
   */
  public static ApiKeyScope parse(String field, String value) {
    return EnumNames.parse(ApiKeyScope.class, field, value);
  }

  /** Whether a request with this HTTP method may be made with a key of this scope. */
  public boolean allows(String method) {
    return this != READ || isSafe(method);
  }

  /** Whether a request with this method only reads (and so may come with the browser's session). */
  public static boolean isSafe(String method) {
    return SAFE_METHODS.contains(method);
  }

  /** The role a key of this scope acts with for a user of {@code role}. */
  public Role actingRole(Role role) {
    return this == GENERATE && role == Role.ADMIN ? Role.RESEARCHER : role;
  }

  /** The highest scope a user of {@code role} has use for. */
  static ApiKeyScope highestFor(Role role) {
    return switch (role) {
      case ADMIN -> ADMIN;
      case RESEARCHER -> GENERATE;
      case VIEWER -> READ;
    };
  }

  /** The scopes up to and including this one. */
  public List<ApiKeyScope> andBelow() {
    return Arrays.stream(values()).filter(scope -> scope.compareTo(this) <= 0).toList();
  }
}
