package com.diffusionlab.api;

/** A request body or upload over the limit the API takes: 413, before it is read any further. */
class BodyTooLargeException extends RuntimeException {
  private final long limit;

  BodyTooLargeException(String what, long limit) {
    super(what + " is larger than the limit of " + limit + " bytes");
    this.limit = limit;
  }

  long limit() {
    return limit;
  }
}
