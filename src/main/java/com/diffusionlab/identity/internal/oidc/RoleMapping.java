package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.identity.Role;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which role a user of the identity provider gets, from the values of one claim (their groups): the
 * highest role any value maps to, else the default role, else none (the sign-in is refused).
 *
 * @param claim the claim's name, or a dotted path into nested claims ({@code realm_access.roles})
 * @param values the claim values that give each role
 * @param defaultRole the role of a user none of whose values map to one; empty to refuse them
 */
public record RoleMapping(String claim, Map<Role, Set<String>> values, Optional<Role> defaultRole) {

  public RoleMapping {
    values = Map.copyOf(values);
  }

  /** The role for a user with these claims; empty when they may not sign in. */
  public Optional<Role> roleFor(Map<String, Object> claims) {
    Set<String> held = Set.copyOf(claimValues(claims).toList());
    // Role lists the highest first
    return Stream.of(Role.values())
        .filter(role -> values.getOrDefault(role, Set.of()).stream().anyMatch(held::contains))
        .findFirst()
        .or(() -> defaultRole);
  }

  /**
   * The claim's values as text: a list's items, or a single value. A name with dots is a claim's
   * own name when there is one ({@code https://example.com/roles}), else a path into nested claims.
   */
  Stream<String> claimValues(Map<String, Object> claims) {
    Object value = claims.containsKey(claim) ? claims.get(claim) : nested(claims);
    if (value instanceof Collection<?> many) {
      return many.stream().filter(item -> item != null).map(Object::toString);
    }
    return value == null || value instanceof Map<?, ?>
        ? Stream.empty()
        : Stream.of(value.toString());
  }

  private Object nested(Map<String, Object> claims) {
    Object value = claims;
    for (String step : claim.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(step);
    }
    return value;
  }
}
