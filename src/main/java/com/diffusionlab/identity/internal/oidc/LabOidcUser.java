package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.identity.Role;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Someone the identity provider signed in, as the workspace knows them: named by their username
 * here (which the rest of the workspace looks users up by), with their role as the one authority.
 */
final class LabOidcUser extends DefaultOidcUser {

  private final String username;

  LabOidcUser(OidcUser signedIn, OidcUserInfo userInfo, String username, Role role) {
    super(
        List.of(new SimpleGrantedAuthority(role.authority())),
        signedIn.getIdToken(),
        userInfo,
        IdTokenClaimNames.SUB);
    this.username = username;
  }

  @Override
  public String getName() {
    return username;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabOidcUser user
        && username.equals(user.username)
        && super.equals(other);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + username.hashCode();
  }
}
