package com.diffusionlab.cli;

import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import java.util.List;

/**
 * An error answer of the workspace: its status and, for bad input, each bad field the problem
 * named, so that a command can name its own options instead of the API's fields.
 *
 * @param errors the problem's {@code errors[]}; empty when it named none
 */
final class ServerRefusal extends EngineException {
  private final int status;
  private final List<FieldError> errors;

  ServerRefusal(String message, int status, List<FieldError> errors) {
    super(message);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  int status() {
    return status;
  }

  List<FieldError> errors() {
    return errors;
  }

  /**
   * This refusal in a command's terms: the bad fields the workspace named as bad input (for the
   * command to name its own options), anything else as it is.
   */
  EngineException inCommandTerms() {
    return status == 400 && !errors.isEmpty() ? new InvalidRequestException(errors) : this;
  }

  /**
   * Like {@link #inCommandTerms()}, and a 403 told with who may do it.
   *
   * @param whoMay e.g. "only administrators approve and retire models"
   */
  EngineException inCommandTerms(String whoMay) {
    return status == 403
        ? new EngineException(getMessage() + " (" + whoMay + ")")
        : inCommandTerms();
  }
}
