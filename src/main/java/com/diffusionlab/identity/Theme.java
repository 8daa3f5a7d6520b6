package com.diffusionlab.identity;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Locale;

/** A user's colour scheme in the workspace UI, kept with the user. */
public enum Theme {
  LIGHT,
  DARK;

  /**
   * @throws InvalidRequestException naming {@code field} for anything but LIGHT or DARK (any case)
   */
  public static Theme parse(String field, String value) {
    return EnumNames.parse(Theme.class, field, value);
  }

  public Theme other() {
    return this == LIGHT ? DARK : LIGHT;
  }

  public String lowerCase() {
    return name().toLowerCase(Locale.ROOT);
  }
}
