package com.diffusionlab.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OidcPropertiesTest {

  private static final List<String> SCOPES = List.of("openid", "profile", "email");
  private static final Map<String, List<String>> ROLES =
      Map.of("admin", List.of("lab-admins"), "Researcher", List.of("ds", "ml"));

  private static OidcProperties properties(
      String issuer, String id, String secret, Map<String, List<String>> roles, String fallback) {
    return new OidcProperties(issuer, id, secret, null, "groups", roles, fallback, SCOPES);
  }

  @Test
  void aCompleteConfigurationGivesTheSettings() {
    OidcSettings settings =
        properties("https://login.example.com/realms/lab", "lab", "s3cret", ROLES, "viewer")
            .settings();
    assertThat(settings.issuer()).isEqualTo("https://login.example.com/realms/lab");
    assertThat(settings.displayName()).isEqualTo("login.example.com");
    assertThat(settings.roles().values())
        .isEqualTo(Map.of(Role.ADMIN, Set.of("lab-admins"), Role.RESEARCHER, Set.of("ds", "ml")));
    assertThat(settings.roles().defaultRole()).contains(Role.VIEWER);
    assertThat(properties("http://localhost:8081", "lab", "s", ROLES, "").settings().roles())
        .extracting(RoleMapping::defaultRole)
        .isEqualTo(Optional.empty());
  }

  @Test
  void eachMistakeIsNamedWithItsPropertyAndWhatIsAllowed() {
    String issuer = "https://login.example.com";
    assertThatThrownBy(() -> properties(null, "lab", "s", ROLES, null).settings())
        .hasMessage("dlab.security.oidc.issuer-uri is missing: the identity provider's issuer URL");
    assertThatThrownBy(
            () -> properties("http://login.example.com", "lab", "s", ROLES, null).settings())
        .hasMessage(
            "dlab.security.oidc.issuer-uri='http://login.example.com' is not allowed: an https://"
                + " URL (http:// only on localhost), as the issuer's tokens name it");
    assertThatThrownBy(() -> properties("login.example.com", "lab", "s", ROLES, null).settings())
        .hasMessageStartingWith("dlab.security.oidc.issuer-uri='login.example.com' is not allowed");
    assertThatThrownBy(() -> properties(issuer, " ", "s", ROLES, null).settings())
        .hasMessage(
            "dlab.security.oidc.client-id is missing: the client id the identity provider gave");
    assertThatThrownBy(() -> properties(issuer, "lab", null, ROLES, null).settings())
        .hasMessageStartingWith("dlab.security.oidc.client-secret is missing");
    assertThatThrownBy(
            () ->
                properties(issuer, "lab", "s", Map.of("superuser", List.of("x")), null).settings())
        .hasMessage(
            "dlab.security.oidc.roles.superuser='superuser' is not allowed: a role: admin,"
                + " researcher or viewer");
    assertThatThrownBy(() -> properties(issuer, "lab", "s", ROLES, "guest").settings())
        .hasMessage(
            "dlab.security.oidc.default-role='guest' is not allowed: a role: admin, researcher or"
                + " viewer");
    assertThatThrownBy(() -> properties(issuer, "lab", "s", Map.of(), " ").settings())
        .hasMessageStartingWith(
            "dlab.security.oidc.roles is empty and dlab.security.oidc.default-role is unset, so"
                + " nobody could sign in");
    assertThatThrownBy(
            () ->
                new OidcProperties(
                        issuer, "lab", "s", null, "groups", ROLES, null, List.of("email"))
                    .settings())
        .hasMessage(
            "dlab.security.oidc.scopes='email' is not allowed: a list that includes openid");
    assertThatThrownBy(
            () ->
                new OidcProperties(
                        issuer, "lab", "s", "x".repeat(41), "groups", ROLES, null, SCOPES)
                    .settings())
        .hasMessageContaining("dlab.security.oidc.display-name=")
        .hasMessageEndingWith("at most 40 characters (on a button)");
  }

  @Test
  void theClientSecretIsNeverEchoed() {
    assertThatThrownBy(
            () -> properties("ftp://x", "lab", "very-secret-value", ROLES, null).settings())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("very-secret-value"));
  }
}
