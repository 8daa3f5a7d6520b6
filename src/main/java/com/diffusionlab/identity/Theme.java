package com.diffusionlab.identity;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A user's colour scheme in the workspace UI, kept with the user. */
public enum Theme {
  LIGHT,
  DARK;

  /**
   * @throws InvalidRequestException naming {@code field} for anything but LIGHT or DARK (any case)
   */
  public static Theme parse(String field, String value) {
    return Arrays.stream(values())
        .filter(theme -> theme.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    field,
                    Usernames.shown(value),
                    Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(" or "))));
  }

  public Theme other() {
    return this == LIGHT ? DARK : LIGHT;
  }

  public String lowerCase() {
    return name().toLowerCase(Locale.ROOT);
  }
}
