package com.diffusionlab.identity;

import org.springframework.security.core.AuthenticationException;

/** A request came with a Bearer secret that is no working API key. */
public final class InvalidApiKeyException extends AuthenticationException {
  public InvalidApiKeyException(String message) {
    super(message);
  }
}
