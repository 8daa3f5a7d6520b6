package com.diffusionlab.identity;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads the identity module's enums (roles, themes) from user input by name, in any case. */
final class EnumNames {
  private EnumNames() {}

  /**
   * @throws InvalidRequestException naming {@code field}, the value and every allowed name
   */
  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    E[] constants = type.getEnumConstants();
    return Arrays.stream(constants)
        .filter(constant -> constant.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    field,
                    Usernames.shown(value),
                    "one of "
                        + Arrays.stream(constants)
                            .map(Enum::name)
                            .collect(Collectors.joining(", "))));
  }
}
