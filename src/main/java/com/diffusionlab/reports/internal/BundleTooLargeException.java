package com.diffusionlab.reports.internal;

import com.diffusionlab.engine.InvalidRequestException;

/** A selection with more images than one bundle holds; smaller selections export. */
public class BundleTooLargeException extends InvalidRequestException {
  public BundleTooLargeException(int max) {
    super(
        "selection",
        "more than " + max + " images",
        "at most "
            + max
            + " images per bundle: export a smaller selection (a query or experiment)");
  }
}
