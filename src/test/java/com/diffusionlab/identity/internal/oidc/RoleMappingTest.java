package com.diffusionlab.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleMappingTest {

  private static final Map<Role, Set<String>> GROUPS =
      Map.of(
          Role.ADMIN, Set.of("lab-admins"),
          Role.RESEARCHER, Set.of("data-scientists", "cn=ml,ou=groups,dc=example"),
          Role.VIEWER, Set.of("staff"));

  private final RoleMapping refusing = new RoleMapping("groups", GROUPS, Optional.empty());

  @Test
  void theHighestRoleAnyValueMapsToWins() {
    assertThat(refusing.roleFor(Map.of("groups", List.of("staff", "lab-admins", "x"))))
        .contains(Role.ADMIN);
    assertThat(refusing.roleFor(Map.of("groups", List.of("cn=ml,ou=groups,dc=example", "staff"))))
        .contains(Role.RESEARCHER);
    assertThat(refusing.roleFor(Map.of("groups", List.of("staff")))).contains(Role.VIEWER);
  }

  @Test
  void noMappedValueGivesTheDefaultRoleOrNone() {
    Map<String, Object> contractor = Map.of("groups", List.of("contractors"));
    assertThat(refusing.roleFor(contractor)).isEmpty();
    assertThat(refusing.roleFor(Map.of())).isEmpty();
    assertThat(new RoleMapping("groups", GROUPS, Optional.of(Role.VIEWER)).roleFor(contractor))
        .contains(Role.VIEWER);
  }

  @Test
  void aSingleValueANestedPathAndANamespacedClaimAreRead() {
    assertThat(refusing.roleFor(Map.of("groups", "lab-admins"))).contains(Role.ADMIN);
    RoleMapping keycloak = new RoleMapping("realm_access.roles", GROUPS, Optional.empty());
    assertThat(keycloak.roleFor(Map.of("realm_access", Map.of("roles", List.of("staff")))))
        .contains(Role.VIEWER);
    assertThat(keycloak.roleFor(Map.of("realm_access", "staff"))).isEmpty();
    RoleMapping auth0 = new RoleMapping("https://lab.example.com/roles", GROUPS, Optional.empty());
    assertThat(auth0.roleFor(Map.of("https://lab.example.com/roles", List.of("data-scientists"))))
        .contains(Role.RESEARCHER);
  }

  @Test
  void valuesAreComparedExactly() {
    assertThat(refusing.roleFor(Map.of("groups", List.of("Lab-Admins", " staff")))).isEmpty();
  }
}
