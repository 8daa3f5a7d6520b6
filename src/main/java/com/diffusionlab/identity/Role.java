package com.diffusionlab.identity;

/** What a user may do: administer, generate, or only look. */
public enum Role {
  ADMIN,
  RESEARCHER,
  VIEWER;

  /** Spring Security authority name. */
  public String authority() {
    return "ROLE_" + name();
  }

  public boolean canGenerate() {
    return this != VIEWER;
  }
}
