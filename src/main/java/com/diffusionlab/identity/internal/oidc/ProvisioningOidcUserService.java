package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.identity.Role;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * After the identity provider signed someone in (their ID token checked, user info read): their
 * role from the configured claim, their account here made or updated, and the workspace's user.
 */
final class ProvisioningOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcUserService provider = new OidcUserService();
  private final RoleMapping roles;
  private final OidcAccounts accounts;

  ProvisioningOidcUserService(RoleMapping roles, OidcAccounts accounts) {
    this.roles = roles;
    this.accounts = accounts;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser signedIn = provider.loadUser(request);
    ProviderIdentity who =
        ProviderIdentity.of(
            signedIn.getIssuer().toString(), signedIn.getSubject(), signedIn.getClaims());
    Role role =
        roles
            .roleFor(signedIn.getClaims())
            .orElseThrow(
                () ->
                    new OidcRefusal(
                        who.username(),
                        "none of your "
                            + roles.claim()
                            + " gives a role in this workspace: ask an administrator"));
    String username = accounts.signIn(who, role);
    return new LabOidcUser(signedIn, signedIn.getUserInfo(), username, role);
  }
}
