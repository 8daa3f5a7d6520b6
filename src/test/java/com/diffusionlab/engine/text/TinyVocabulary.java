package com.diffusionlab.engine.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A made-up Hugging Face tokenizer folder small enough to work out by hand: l, o, w, e, r (alone
 * and with {@code </w>}) and four rules, {@code l o}, {@code lo w}, {@code e r</w>}, {@code low
 * er</w>}, so that "lower" is the single token 13 and "low" is 10, 7.
 */
final class TinyVocabulary {

  static final String VOCABULARY =
      """
      {"l": 0, "o": 1, "w": 2, "e": 3, "r": 4,
       "l</w>": 5, "o</w>": 6, "w</w>": 7, "e</w>": 8, "r</w>": 9,
       "lo": 10, "low": 11, "er</w>": 12, "lower</w>": 13,
       "<|startoftext|>": 14, "<|endoftext|>": 15, "!": 16, ",</w>": 17}
      """;

  static final String MERGES = "#version: 0.2\nl o\nlo w\ne r</w>\nlow er</w>\n";

  static final int LOWER = 13;
  static final int START = 14;
  static final int END = 15;
  static final int COMMA = 17;

  private TinyVocabulary() {}

  /** Writes the folder, with a tokenizer_config.json setting the context length. */
  static Path write(Path dir, int contextLength) throws IOException {
    Files.writeString(dir.resolve("vocab.json"), VOCABULARY);
    Files.writeString(dir.resolve("merges.txt"), MERGES);
    Files.writeString(
        dir.resolve("tokenizer_config.json"), "{\"model_max_length\": " + contextLength + "}");
    return dir;
  }
}
