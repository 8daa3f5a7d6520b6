package com.diffusionlab.sessions;

import com.diffusionlab.engine.InvalidRequestException;

/** A job the session's quota does not allow: rejected before anything runs or is charged. */
public class QuotaExceededException extends InvalidRequestException {
  public QuotaExceededException(String field, Object value, String allowed) {
    super(field, value, allowed);
  }
}
