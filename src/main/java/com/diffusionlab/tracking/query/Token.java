package com.diffusionlab.tracking.query;

/** A lexical token of a run query, with its 1-based start position. */
record Token(Kind kind, String text, int position) {
  enum Kind {
    WORD,
    NUMBER,
    STRING,
    OPERATOR,
    OPEN,
    CLOSE,
    END
  }
}
