package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.identity.Role;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dlab.security.oidc.*} as written; {@link #settings()} checks it. Sign-in through the
 * identity provider is on when any of these is set.
 *
 * @param roles claim values per role name: {@code roles.admin=lab-admins}
 * @param defaultRole the role of a user none of whose claim values is mapped; blank to refuse them
 */
@ConfigurationProperties(OidcProperties.PREFIX)
public record OidcProperties(
    String issuerUri,
    String clientId,
    String clientSecret,
    String displayName,
    @DefaultValue("groups") String roleClaim,
    Map<String, List<String>> roles,
    String defaultRole,
    @DefaultValue({"openid", "profile", "email"}) List<String> scopes) {

  public static final String PREFIX = "dlab.security.oidc";
  private static final int MAX_DISPLAY_NAME = 40;
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  public OidcProperties {
    roles = roles == null ? Map.of() : roles;
  }

  /**
   * The settings, checked.
   *
   * @throws IllegalArgumentException naming the property, its value and what is allowed
   */
  public OidcSettings settings() {
    URI issuer = issuer();
    String id = required("client-id", clientId, "the client id the identity provider gave");
    String secret =
        required("client-secret", clientSecret, "the client secret the identity provider gave");
    String name = displayName == null || displayName.isBlank() ? issuer.getHost() : displayName;
    if (name.length() > MAX_DISPLAY_NAME) {
      throw notAllowed(
          "display-name", name, "at most " + MAX_DISPLAY_NAME + " characters (on a button)");
    }
    String claim = required("role-claim", roleClaim, "the claim that carries groups, e.g. groups");
    if (!scopes.contains("openid")) {
      throw notAllowed("scopes", String.join(",", scopes), "a list that includes openid");
    }
    Map<Role, Set<String>> mapped = mappedRoles();
    Optional<Role> fallback = fallbackRole();
    if (mapped.isEmpty() && fallback.isEmpty()) {
      throw new IllegalArgumentException(
          PREFIX
              + ".roles is empty and "
              + PREFIX
              + ".default-role is unset, so nobody could sign in: map claim values to roles ("
              + PREFIX
              + ".roles.researcher=data-scientists) or set a default role");
    }
    return new OidcSettings(
        issuer.toString(), id, secret, name, scopes, new RoleMapping(claim, mapped, fallback));
  }

  private URI issuer() {
    String value = required("issuer-uri", issuerUri, "the identity provider's issuer URL");
    String allowed = "an https:// URL (http:// only on localhost), as the issuer's tokens name it";
    try {
      URI uri = new URI(value.trim());
      boolean https = "https".equals(uri.getScheme());
      boolean localHttp = "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
      if (uri.getHost() == null
          || !(https || localHttp)
          || uri.getQuery() != null
          || uri.getFragment() != null
          || uri.getUserInfo() != null) {
        throw notAllowed("issuer-uri", value, allowed);
      }
      return uri;
    } catch (URISyntaxException malformed) {
      throw notAllowed("issuer-uri", value, allowed);
    }
  }

  private Map<Role, Set<String>> mappedRoles() {
    Map<Role, Set<String>> mapped = new EnumMap<>(Role.class);
    roles.forEach(
        (name, values) -> {
          Role role = role("roles." + name, name);
          Set<String> kept = new LinkedHashSet<>();
          for (String value : values) {
            if (value == null || value.isBlank()) {
              throw notAllowed(
                  "roles." + name, String.join(",", values), "claim values, none blank");
            }
            kept.add(value.trim());
          }
          mapped.computeIfAbsent(role, any -> new LinkedHashSet<>()).addAll(kept);
        });
    return mapped;
  }

  private Optional<Role> fallbackRole() {
    return defaultRole == null || defaultRole.isBlank()
        ? Optional.empty()
        : Optional.of(role("default-role", defaultRole));
  }

  private static Role role(String property, String name) {
    try {
      return Role.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw notAllowed(property, name, "a role: admin, researcher or viewer");
    }
  }

  private static String required(String property, String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "." + property + " is missing: " + what);
    }
    return value.trim();
  }

  private static IllegalArgumentException notAllowed(String property, String value, String what) {
    return new IllegalArgumentException(
        PREFIX + "." + property + "='" + value + "' is not allowed: " + what);
  }
}
