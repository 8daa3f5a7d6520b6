package com.diffusionlab.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads AUTOMATIC1111's emphasis syntax ({@code parse_prompt_attention}): {@code (text)} multiplies
 * weights by 1.1, {@code [text]} divides them by 1.1, {@code (text:1.3)} multiplies them by 1.3,
 * nesting multiplies, {@code \( \) \[ \] \\} are literal characters, brackets never closed apply to
 * the rest of the prompt, closing brackets never opened are literal text, {@code BREAK} (a whole
 * word, in capitals) becomes {@link PromptSegment#BREAK}, and adjacent segments of equal weight are
 * joined.
 *
 * <p>Where AUTOMATIC1111 fails with a Python error (a weight such as {@code 1.2.3}) or yields
 * infinite weights, this throws {@link InvalidPromptException}. Stateless and thread-safe.
 */
public final class PromptParser {

  private static final double ROUND_MULTIPLIER = 1.1;
  private static final double SQUARE_MULTIPLIER = 1 / 1.1;

  private static final String SPACE = "[" + PythonCharacters.WHITESPACE_CLASS + "]";

  private static final Pattern ATTENTION =
      Pattern.compile(
          String.join(
              "|",
              "\\\\\\(",
              "\\\\\\)",
              "\\\\\\[",
              "\\\\]",
              "\\\\\\\\",
              "\\\\",
              "\\(",
              "\\[",
              // possessive: the classes are disjoint, so giving back cannot help, only cost
              ":" + SPACE + "*+([+-]?[." + PythonCharacters.DIGIT_CLASS + "]++)" + SPACE + "*+\\)",
              "\\)",
              "]",
              "[^\\\\()\\[\\]:]+",
              ":"));

  /**
   * The keyword alone; AUTOMATIC1111's pattern also takes the whitespace around it, added by hand
   * in {@link #splitAtBreaks} since a regex doing so rescans a run of spaces from each of them.
   */
  private static final Pattern BREAK =
      Pattern.compile(
          "(?<!["
              + PythonCharacters.WORD_CLASS
              + "])BREAK(?!["
              + PythonCharacters.WORD_CLASS
              + "])");

  /** The segments of a prompt; never empty (an empty prompt is one empty segment). */
  public List<PromptSegment> parse(String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    List<Weighted> parts = new ArrayList<>();
    List<Integer> round = new ArrayList<>();
    List<Integer> square = new ArrayList<>();
    Matcher matcher = ATTENTION.matcher(prompt);
    while (matcher.find()) {
      String text = matcher.group();
      String weight = matcher.group(1);
      if (text.startsWith("\\")) {
        parts.add(new Weighted(text.substring(1), 1.0));
      } else if (text.equals("(")) {
        round.add(parts.size());
      } else if (text.equals("[")) {
        square.add(parts.size());
      } else if (weight != null && !round.isEmpty()) {
        multiply(parts, round.removeLast(), parseWeight(weight, matcher.start(1)));
      } else if (text.equals(")") && !round.isEmpty()) {
        multiply(parts, round.removeLast(), ROUND_MULTIPLIER);
      } else if (text.equals("]") && !square.isEmpty()) {
        multiply(parts, square.removeLast(), SQUARE_MULTIPLIER);
      } else {
        List<String> pieces = splitAtBreaks(text);
        for (int i = 0; i < pieces.size(); i++) {
          if (i > 0) {
            parts.add(new Weighted(PromptSegment.BREAK.text(), PromptSegment.BREAK.weight()));
          }
          parts.add(new Weighted(pieces.get(i), 1.0));
        }
      }
    }
    // unclosed brackets reach to the end, applied in the order they were opened
    round.forEach(start -> multiply(parts, start, ROUND_MULTIPLIER));
    square.forEach(start -> multiply(parts, start, SQUARE_MULTIPLIER));
    if (parts.isEmpty()) {
      parts.add(new Weighted("", 1.0));
    }
    return segments(joinEqualWeights(parts));
  }

  /**
   * Python's {@code re.split(r"\s*\bBREAK\b\s*", text)}: the text between the keywords, each taken
   * with the whitespace on both sides of it.
   */
  private static List<String> splitAtBreaks(String text) {
    List<String> pieces = new ArrayList<>();
    Matcher keyword = BREAK.matcher(text);
    int pieceStart = 0;
    while (keyword.find()) {
      int cutStart = keyword.start();
      while (cutStart > pieceStart && PythonCharacters.isWhitespace(text.charAt(cutStart - 1))) {
        cutStart--;
      }
      int cutEnd = keyword.end();
      while (cutEnd < text.length() && PythonCharacters.isWhitespace(text.charAt(cutEnd))) {
        cutEnd++;
      }
      pieces.add(text.substring(pieceStart, cutStart));
      pieceStart = cutEnd;
    }
    pieces.add(text.substring(pieceStart));
    return pieces;
  }

  private static void multiply(List<Weighted> parts, int start, double multiplier) {
    for (int i = start; i < parts.size(); i++) {
      parts.get(i).weight *= multiplier;
    }
  }

  /** Reads a weight as Python's {@code float()} would, Unicode digits included. */
  private static double parseWeight(String weight, int offset) {
    StringBuilder ascii = new StringBuilder(weight.length());
    weight
        .codePoints()
        .forEach(
            c ->
                ascii.append(
                    Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c));
    try {
      return Double.parseDouble(ascii.toString());
    } catch (NumberFormatException e) {
      throw new InvalidPromptException(
          "prompt: emphasis weight '" + weight + "' at character " + offset + " is not a number");
    }
  }

  private static List<Weighted> joinEqualWeights(List<Weighted> parts) {
    List<Weighted> joined = new ArrayList<>(parts.size());
    for (Weighted part : parts) {
      Weighted last = joined.isEmpty() ? null : joined.getLast();
      if (last != null && last.weight == part.weight) {
        last.text.append(part.text);
      } else {
        joined.add(part);
      }
    }
    return joined;
  }

  private static List<PromptSegment> segments(List<Weighted> parts) {
    List<PromptSegment> segments = new ArrayList<>(parts.size());
    for (Weighted part : parts) {
      if (!Double.isFinite(part.weight)) {
        throw new InvalidPromptException(
            "prompt: the emphasis of '"
                + TextFiles.excerpt(part.text.toString())
                + "' multiplies to "
                + part.weight
                + "; weights must stay finite");
      }
      segments.add(new PromptSegment(part.text.toString(), part.weight));
    }
    return List.copyOf(segments);
  }

  /** A segment while its weight is still being multiplied. */
  private static final class Weighted {
    final StringBuilder text;
    double weight;

    Weighted(String text, double weight) {
      this.text = new StringBuilder(text);
      this.weight = weight;
    }
  }
}
