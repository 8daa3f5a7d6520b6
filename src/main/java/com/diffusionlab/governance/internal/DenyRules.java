package com.diffusionlab.governance.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Denied words and patterns, compiled once, and the test of a text against them. Texts are compared
 * in a normal form: NFKC (full-width and other compatibility letters become plain ones), invisible
 * format characters removed (a zero-width space inside a word does not split it), case folded and
 * runs of white space made one space. Words match on word boundaries only, so a denied "ass" does
 * not refuse "class".
 */
public final class DenyRules {

  /** One rule: what it is called in a refusal and what it matches. */
  private record Rule(String description, Pattern pattern) {}

  private static final Pattern FORMAT_CHARACTERS = Pattern.compile("\\p{Cf}+");
  private static final Pattern WHITE_SPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final String WORD_CHARACTER = "[\\p{L}\\p{M}\\p{N}_]";

  private final List<Rule> rules;

  private DenyRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * @throws IllegalArgumentException naming the property, the index and the value: a blank word or
   *     a pattern that does not compile
   */
  public static DenyRules compile(
      String wordsProperty, List<String> words, String patternsProperty, List<String> patterns) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i) == null ? "" : normalise(words.get(i)).strip();
      if (word.isEmpty()) {
        throw new IllegalArgumentException(
            wordsProperty + "[" + i + "] is blank: give a word or phrase to deny, or leave it out");
      }
      rules.add(
          new Rule(
              "contains a denied word ('" + words.get(i).strip() + "')",
              Pattern.compile(
                  "(?<!"
                      + WORD_CHARACTER
                      + ")"
                      + Pattern.quote(word)
                      + "(?!"
                      + WORD_CHARACTER
                      + ")",
                  Pattern.UNICODE_CHARACTER_CLASS)));
    }
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i) == null ? "" : patterns.get(i);
      if (pattern.isBlank()) {
        throw new IllegalArgumentException(
            patternsProperty
                + "["
                + i
                + "] is blank: give a regular expression to deny, or leave it out");
      }
      try {
        rules.add(
            new Rule(
                "matches a denied pattern ('" + pattern + "')",
                Pattern.compile(
                    pattern,
                    Pattern.CASE_INSENSITIVE
                        | Pattern.UNICODE_CASE
                        | Pattern.UNICODE_CHARACTER_CLASS)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            patternsProperty
                + "["
                + i
                + "] = '"
                + pattern
                + "' is not a valid regular expression: "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""),
            e);
      }
    }
    return new DenyRules(rules);
  }

  /**
   * The first rule {@code text} breaks, described ("contains a denied word ('xyz')"); empty if
   * none.
   */
  public Optional<String> firstBroken(String text) {
    if (text == null || text.isBlank() || rules.isEmpty()) {
      return Optional.empty();
    }
    String normal = normalise(text);
    return rules.stream()
        .filter(rule -> rule.pattern().matcher(normal).find())
        .map(Rule::description)
        .findFirst();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** NFKC, no format characters, case folded, single spaces. */
  static String normalise(String text) {
    String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
    String visible = FORMAT_CHARACTERS.matcher(compatible).replaceAll("");
    // upper then lower folds what lower case alone leaves apart (ß and SS, final and other sigma)
    String folded = visible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return WHITE_SPACE.matcher(Normalizer.normalize(folded, Normalizer.Form.NFKC)).replaceAll(" ");
  }
}
