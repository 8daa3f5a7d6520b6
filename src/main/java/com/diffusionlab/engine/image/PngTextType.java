package com.diffusionlab.engine.image;

import java.util.Arrays;
import java.util.Optional;

/** The three PNG chunk types that carry text, with their four-letter chunk names. */
public enum PngTextType {
  /** Latin-1 text, uncompressed. */
  TEXT("tEXt"),
  /** Latin-1 text, zlib-compressed. */
  ZTXT("zTXt"),
  /** UTF-8 text ("international"); written uncompressed, read compressed or not. */
  ITXT("iTXt");

  private final String chunkName;

  PngTextType(String chunkName) {
    this.chunkName = chunkName;
  }

  public String chunkName() {
    return chunkName;
  }

  /** The text type whose chunk has this four-letter name, if any. */
  public static Optional<PngTextType> fromChunkName(String name) {
    return Arrays.stream(values()).filter(t -> t.chunkName.equals(name)).findFirst();
  }
}
