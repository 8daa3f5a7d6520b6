package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.EngineException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A value that configuration files and settings spell with a fixed lower-case name. */
interface ConfigNamed {

  String configName();

  /**
   * Finds the constant named {@code value} (case-insensitively), or fails naming the key, the value
   * and the allowed names.
   */
  static <E extends Enum<E> & ConfigNamed> E parse(Class<E> type, String key, String value) {
    E[] constants = type.getEnumConstants();
    if (value != null) {
      String wanted = value.trim().toLowerCase(Locale.ROOT);
      for (E constant : constants) {
        if (constant.configName().equals(wanted)) {
          return constant;
        }
      }
    }
    throw new EngineException(
        key
            + " "
            + Messages.quote(value)
            + " is not supported; allowed: "
            + Arrays.stream(constants)
                .map(ConfigNamed::configName)
                .collect(Collectors.joining(", ")));
  }
}
