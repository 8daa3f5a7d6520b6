package com.diffusionlab.cli;

import com.diffusionlab.engine.InvalidRequestException;

/**
 * Why the workspace did not start, as the command line reports it: Spring wraps a refused setting
 * (such as a {@code DLAB_ADMIN_PASSWORD} the password policy refuses) in its own exceptions, whose
 * message says only that a runner failed. The refusal itself names the setting and what is allowed,
 * and exits with the usage status.
 */
final class StartFailure {

  private StartFailure() {}

  /** The refused input behind {@code failure}, or {@code failure} itself when there is none. */
  static RuntimeException explained(RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidRequestException refused) {
        return refused;
      }
    }
    return failure;
  }
}
