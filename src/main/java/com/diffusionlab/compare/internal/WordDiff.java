package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.DiffToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prompts compared word by word: the longest common subsequence of their words, with what one
 * prompt adds and the other drops. Words are split at white space and kept with their punctuation,
 * as people read prompts ("(red:1.2)," is one word).
 */
public final class WordDiff {

  /** Beyond this many words a side, the prompts are compared as one token each (LCS is n×m). */
  private static final int MAX_WORDS = 2_000;

  private WordDiff() {}

  /** The tokens that turn {@code from} into {@code to}, in reading order. */
  public static List<DiffToken> diff(String from, String to) {
    String[] a = words(from);
    String[] b = words(to);
    if (a.length > MAX_WORDS || b.length > MAX_WORDS) {
      return from.equals(to)
          ? List.of(new DiffToken(to, DiffToken.Kind.SAME))
          : List.of(
              new DiffToken(from, DiffToken.Kind.REMOVED), new DiffToken(to, DiffToken.Kind.ADDED));
    }
    int[][] common = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        common[i][j] =
            a[i].equals(b[j])
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<DiffToken> tokens = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        tokens.add(new DiffToken(a[i++], DiffToken.Kind.SAME));
        j++;
      } else if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
        tokens.add(new DiffToken(b[j++], DiffToken.Kind.ADDED));
      } else {
        tokens.add(new DiffToken(a[i++], DiffToken.Kind.REMOVED));
      }
    }
    return tokens;
  }

  private static String[] words(String text) {
    String stripped = text == null ? "" : text.strip();
    return stripped.isEmpty()
        ? new String[0]
        : Arrays.stream(stripped.split("\\s+")).toArray(String[]::new);
  }
}
