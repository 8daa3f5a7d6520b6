package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void markupCharactersBecomeReferencesThatAreSafeInTextAndInAttributes() {
    assertThat(Html.escape("<a href=\"x\" title='y'>&amp;</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  }

  @Test
  void textWithoutMarkupCharactersIsUnchanged() {
    assertThat(Html.escape("猫 🐱 — café, 7.5 × 2\ttab\nline"))
        .isEqualTo("猫 🐱 — café, 7.5 × 2\ttab\nline");
  }

  @Test
  void charactersADocumentMayNotContainBecomeTheReplacementCharacter() {
    assertThat(Html.escape("a\u0000b\u0007c\u001b<\uFFFF"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFD&lt;\uFFFD");
  }

  @Test
  void nullIsEmpty() {
    assertThat(Html.escape(null)).isEmpty();
  }
}
