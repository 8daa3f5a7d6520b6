package com.diffusionlab.engine.text;

import java.util.Locale;

/**
 * CLIP's text cleanup before splitting: ftfy's repairs (as far as {@link UnicodeRepair} goes), HTML
 * references decoded twice, whitespace collapsed and stripped, then lower case.
 */
final class ClipTextCleaner {

  private final HtmlCharacterReferences references;
  private final UnicodeRepair repair;

  ClipTextCleaner(HtmlCharacterReferences references) {
    this.references = references;
    this.repair = new UnicodeRepair(references);
  }

  String clean(String text) {
    String repaired = repair.fix(text);
    String unescaped = references.unescapeLenient(references.unescapeLenient(repaired));
    return PythonCharacters.collapseWhitespace(unescaped).toLowerCase(Locale.ROOT);
  }
}
