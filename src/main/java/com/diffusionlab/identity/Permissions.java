package com.diffusionlab.identity;

/** Expressions for {@code @PreAuthorize}, so that UI and REST enforce the same rules. */
public final class Permissions {
  public static final String GENERATE = "hasAnyRole('ADMIN', 'RESEARCHER')";
  public static final String ADMINISTER = "hasRole('ADMIN')";
  public static final String LOOK = "isAuthenticated()";

  private Permissions() {}
}
