package com.diffusionlab.cli;

import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import java.util.Map;

/**
 * The API's field names as a command's options, so that bad input, refused here or by the
 * workspace, names what the user typed.
 *
 * @param byField the option for each field the command renames; other fields keep their names
 */
record OptionNames(Map<String, String> byField) {

  OptionNames {
    byField = Map.copyOf(byField);
  }

  /** {@code refused} with its fields named as options when it is bad input, else as it is. */
  EngineException named(EngineException refused) {
    if (!(refused instanceof InvalidRequestException bad)) {
      return refused;
    }
    return new InvalidRequestException(
        bad.errors().stream()
            .map(
                e ->
                    new FieldError(
                        byField.getOrDefault(e.field(), e.field()), e.value(), e.allowed()))
            .toList());
  }
}
