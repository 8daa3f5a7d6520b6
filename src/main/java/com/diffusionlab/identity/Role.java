package com.diffusionlab.identity;

import com.diffusionlab.engine.InvalidRequestException;

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

  /**
   * A role by name, in any case.
   *
   * @throws InvalidRequestException naming {@code field} for anything else
   */
  public static Role parse(String field, String value) {
    return EnumNames.parse(Role.class, field, value);
  }
}
