package com.diffusionlab.engine.text;

/**
 * What a tokenizer's configuration adds to its vocabulary.
 *
 * @param contextLength token positions the text encoder takes, start and end tokens included
 * @param padToken the token that fills a chunk after its end token
 * @param unknownToken the token that stands for a symbol the vocabulary lacks
 */
record TokenizerSettings(int contextLength, String padToken, String unknownToken) {

  /** Smallest context: a start token, one content token and an end token. */
  static final int MIN_CONTEXT_LENGTH = 3;

  /** Far beyond any CLIP model (77); guards against configs saying "no limit" (1e30). */
  static final int MAX_CONTEXT_LENGTH = 4096;

  /** CLIP ViT-L/14 as Stable Diffusion 1.x uses it. */
  static final TokenizerSettings CLIP_DEFAULTS =
      new TokenizerSettings(77, ClipTokenizer.END_TOKEN, ClipTokenizer.END_TOKEN);

  TokenizerSettings withPadToken(String token) {
    return new TokenizerSettings(contextLength, token, unknownToken);
  }
}
