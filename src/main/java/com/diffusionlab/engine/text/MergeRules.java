package com.diffusionlab.engine.text;

import com.diffusionlab.engine.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads BPE merge rules, one pair of symbols a line after a header line, as CLIP stores them. */
final class MergeRules {

  /**
   * How many rules CLIP uses: its 49,152-token vocabulary less 256 byte tokens and 2 special ones.
   * Both OpenAI's and Hugging Face's readers ignore lines beyond it.
   */
  static final int CLIP_MERGE_COUNT = 49152 - 256 - 2;

  /** The lines that can matter: a header and the rules. */
  static final int MAX_LINES = CLIP_MERGE_COUNT + 1;

  private MergeRules() {}

  /**
   * @param lines the file's lines
   * @param source the file, for error messages
   * @param headerRequired whether the first line is a header whatever it holds; otherwise it is one
   *     only when it starts with {@code #}
   * @param required how many rules must be present; fewer is an error
   */
  static List<MergeRule> parse(
      List<String> lines, Path source, boolean headerRequired, int required) {
    int first = headerRequired || (!lines.isEmpty() && lines.getFirst().startsWith("#")) ? 1 : 0;
    int end = Math.min(lines.size(), first + CLIP_MERGE_COUNT);
    while (end > first && PythonCharacters.split(lines.get(end - 1)).isEmpty()) {
      end--;
    }
    List<MergeRule> rules = new ArrayList<>(end - first);
    for (int index = first; index < end; index++) {
      List<String> symbols = PythonCharacters.split(lines.get(index));
      if (symbols.size() != 2) {
        throw new ModelFormatException(
            source,
            "line "
                + (index + 1)
                + ": expected two symbols separated by a space, found '"
                + TextFiles.excerpt(lines.get(index))
                + "'");
      }
      rules.add(new MergeRule(symbols.get(0), symbols.get(1), index + 1));
    }
    if (rules.size() < required) {
      throw new ModelFormatException(
          source, "holds " + rules.size() + " merge rules, " + required + " are needed");
    }
    return rules;
  }
}
