package com.diffusionlab.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in with an API key: its user's name, with the authority of the role the key acts
 * with ({@link ApiKeyScope#actingRole}).
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {
  private final String username;
  private final long keyId;
  private final ApiKeyScope scope;

  public ApiKeyAuthentication(String username, long keyId, ApiKeyScope scope, Role role) {
    super(List.of(new SimpleGrantedAuthority(scope.actingRole(role).authority())));
    this.username = username;
    this.keyId = keyId;
    this.scope = scope;
    setAuthenticated(true);
  }

  public long keyId() {
    return keyId;
  }

  public ApiKeyScope scope() {
    return scope;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return username;
  }
}
