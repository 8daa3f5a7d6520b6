package com.diffusionlab.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * GPT-2's reversible mapping of the 256 byte values to printable characters, which CLIP's BPE works
 * on: printable Latin-1 bytes stand for themselves, the others for U+0100 onwards, in byte order.
 */
final class ByteLevelAlphabet {

  private static final int BYTE_VALUES = 256;

  private static final char[] CHAR_OF_BYTE = buildTable();

  private static final int[] BYTE_OF_CHAR = invert(CHAR_OF_BYTE);

  private ByteLevelAlphabet() {}

  /** The UTF-8 bytes of {@code text}, each written as its character. */
  static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = CHAR_OF_BYTE[bytes[i] & 0xFF];
    }
    return new String(chars);
  }

  /** The byte a character stands for, or -1 if it stands for none. */
  static int byteOf(char c) {
    return c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
  }

  /**
   * The 256 characters in ascending order, which is the order CLIP's vocabulary lists them in:
   * printable bytes first, then the characters standing for the others.
   */
  static char[] charactersInVocabularyOrder() {
    char[] sorted = CHAR_OF_BYTE.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  private static boolean isPrintable(int b) {
    return (b >= '!' && b <= '~') || (b >= '¡' && b <= '¬') || (b >= '®' && b <= 'ÿ');
  }

  private static char[] buildTable() {
    char[] table = new char[BYTE_VALUES];
    int next = BYTE_VALUES;
    for (int b = 0; b < BYTE_VALUES; b++) {
      table[b] = isPrintable(b) ? (char) b : (char) next++;
    }
    return table;
  }

  private static int[] invert(char[] charOfByte) {
    char highest = 0;
    for (char c : charOfByte) {
      highest = (char) Math.max(highest, c);
    }
    int[] byteOfChar = new int[highest + 1];
    Arrays.fill(byteOfChar, -1);
    for (int b = 0; b < charOfByte.length; b++) {
      byteOfChar[charOfByte[b]] = b;
    }
    return byteOfChar;
  }
}
