package com.diffusionlab.api;

/** An id or hash that names nothing the caller can see. */
class NotFoundException extends RuntimeException {
  NotFoundException(String message) {
    super(message);
  }
}
