package com.diffusionlab.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

  @Test
  void joinsTheMostFrequentPairFirstAndBreaksTiesAlphabetically() {
    // by hand: a b</w> | a b c</w> | a b d</w>. Pairs: (a b) twice, the others once: join a b.
    // Then a b</w> | ab c</w> | ab d</w>, all pairs once: alphabetically "a" before "ab".
    List<BpeTrainer.Merge> merges = new BpeTrainer().train(List.of("ab", "abc", "abd"));
    assertThat(merges)
        .containsExactly(
            new BpeTrainer.Merge("a", "b"),
            new BpeTrainer.Merge("a", "b</w>"),
            new BpeTrainer.Merge("ab", "c</w>"),
            new BpeTrainer.Merge("ab", "d</w>"));
  }

  @Test
  void joinsRepeatedSymbolsLeftToRight() {
    // a a a</w>: (a a) once and (a a</w>) once; "a</w>" sorts after "a" so (a a) first, joining
    // the first two; then aa a</w>
    assertThat(new BpeTrainer().train(List.of("aaa")))
        .containsExactly(new BpeTrainer.Merge("a", "a"), new BpeTrainer.Merge("aa", "a</w>"));
  }

  @Test
  void needsNoRuleForSingleLetters() {
    assertThat(new BpeTrainer().train(List.of("a", "b"))).isEmpty();
  }

  @Test
  void refusesEmptyWords() {
    assertThatThrownBy(() -> new BpeTrainer().train(List.of("ab", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("words must not contain an empty word");
  }
}
