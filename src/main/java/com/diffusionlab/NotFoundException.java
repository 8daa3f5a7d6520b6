package com.diffusionlab;

/**
 * An object that does not exist, or that the caller may not see: both answer the same, so that ids
 * cannot be probed. The REST API answers 404.
 */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
