package com.diffusionlab.governance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenyRulesTest {
  private static final String WORDS = "dlab.prompt-policy.deny-words";
  private static final String PATTERNS = "dlab.prompt-policy.deny-patterns";

  private static DenyRules rules(List<String> words, List<String> patterns) {
    return DenyRules.compile(WORDS, words, PATTERNS, patterns);
  }

  @Test
  void aWordMatchesAsAWholeWordWhateverItsCaseOrWidth() {
    DenyRules rules = rules(List.of("xyz", "Straße"), List.of());
    assertThat(rules.firstBroken("an XYZ here")).hasValue("contains a denied word ('xyz')");
    assertThat(rules.firstBroken("xyz")).isPresent();
    assertThat(rules.firstBroken("(xyz)!")).isPresent();
    assertThat(rules.firstBroken("ＸＹＺ")).as("full-width letters").isPresent();
    assertThat(rules.firstBroken("x\u200Byz")).as("a zero-width space inside").isPresent();
    assertThat(rules.firstBroken("xyzzy and axyz and xyz_1")).as("part of other words").isEmpty();
    assertThat(rules.firstBroken("STRASSE")).as("case folding beyond lower case").isPresent();
    assertThat(rules.firstBroken("a cat")).isEmpty();
    assertThat(rules.firstBroken(null)).isEmpty();
  }

  @Test
  void aPhraseMatchesAcrossAnyWhiteSpace() {
    DenyRules rules = rules(List.of("red  panda"), List.of());
    assertThat(rules.firstBroken("a RED\tpanda")).isPresent();
    assertThat(rules.firstBroken("red pandas")).isEmpty();
  }

  @Test
  void aPatternMatchesTheNormalisedTextWithoutRegardToCase() {
    DenyRules rules = rules(List.of(), List.of("b[a4]d\\s*w[o0]rd"));
    assertThat(rules.firstBroken("some B4D W0RD"))
        .hasValue("matches a denied pattern ('b[a4]d\\s*w[o0]rd')");
    assertThat(rules.firstBroken("ｂａｄword")).isPresent();
    assertThat(rules.firstBroken("good word")).isEmpty();
  }

  @Test
  void noRulesRefuseNothing() {
    DenyRules none = rules(List.of(), List.of());
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.firstBroken("anything at all")).isEmpty();
  }

  @Test
  void anInvalidPatternIsRefusedNamingThePropertyAndThePattern() {
    assertThatThrownBy(() -> rules(List.of(), List.of("fine", "(unclosed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "dlab.prompt-policy.deny-patterns[1] = '(unclosed' is not a valid regular expression:")
        .hasMessageContaining("Unclosed group");
  }

  @Test
  void aBlankWordOrPatternIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> rules(List.of("ok", " "), List.of()))
        .hasMessageStartingWith("dlab.prompt-policy.deny-words[1] is blank");
    assertThatThrownBy(() -> rules(List.of(), List.of("")))
        .hasMessageStartingWith("dlab.prompt-policy.deny-patterns[0] is blank");
  }
}
