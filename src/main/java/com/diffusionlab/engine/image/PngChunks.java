package com.diffusionlab.engine.image;

import java.nio.charset.StandardCharsets;

/** Constants of the PNG container shared by the writer and the reader. */
final class PngChunks {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  static final String IHDR = "IHDR";
  static final String IDAT = "IDAT";
  static final String IEND = "IEND";
  static final int IHDR_LENGTH = 13;

  /** The PNG specification caps chunk lengths and image dimensions at 2^31 - 1. */
  static final long MAX_LENGTH = Integer.MAX_VALUE;

  static final int COLOR_GRAY = 0;
  static final int COLOR_RGB = 2;

  private PngChunks() {}

  static byte[] typeBytes(String type) {
    return type.getBytes(StandardCharsets.US_ASCII);
  }
}
