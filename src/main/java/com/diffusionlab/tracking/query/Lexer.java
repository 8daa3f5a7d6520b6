package com.diffusionlab.tracking.query;

import com.diffusionlab.tracking.QuerySyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Splits a run query into tokens; quoted strings may use '' or "" and backslash escapes. */
final class Lexer {
  private static final int MAX_LENGTH = 2000;

  private Lexer() {}

  static List<Token> tokens(String query) {
    if (query.length() > MAX_LENGTH) {
      throw new QuerySyntaxException(
          "query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
    }
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(
            new Token(c == '(' ? Token.Kind.OPEN : Token.Kind.CLOSE, String.valueOf(c), start + 1));
        i++;
      } else if (c == '\'' || c == '"') {
        StringBuilder text = new StringBuilder();
        i++;
        while (i < query.length() && query.charAt(i) != c) {
          if (query.charAt(i) == '\\' && i + 1 < query.length()) {
            i++;
          }
          text.append(query.charAt(i));
          i++;
        }
        if (i >= query.length()) {
          throw new QuerySyntaxException("unterminated string starting with " + c, start + 1);
        }
        i++;
        tokens.add(new Token(Token.Kind.STRING, text.toString(), start + 1));
      } else if ("=!<>~".indexOf(c) >= 0) {
        String op =
            i + 1 < query.length() && query.charAt(i + 1) == '='
                    || (c == '!' && i + 1 < query.length() && query.charAt(i + 1) == '~')
                ? query.substring(i, i + 2)
                : String.valueOf(c);
        if (op.equals("!")) {
          throw new QuerySyntaxException("'!' must be followed by '=' or '~'", start + 1);
        }
        tokens.add(new Token(Token.Kind.OPERATOR, op, start + 1));
        i += op.length();
      } else if (Character.isDigit(c)
          || (c == '-' || c == '.')
              && i + 1 < query.length()
              && Character.isDigit(query.charAt(i + 1))) {
        i++;
        // dates and instants (2026-11-21, 2026-11-21T10:00:00Z) start like numbers
        while (i < query.length()
            && (Character.isDigit(query.charAt(i)) || ".eE-:TZ+".indexOf(query.charAt(i)) >= 0)) {
          i++;
        }
        String text = query.substring(start, i);
        boolean date = text.indexOf('-', 1) > 0 || text.indexOf(':') > 0;
        tokens.add(new Token(date ? Token.Kind.WORD : Token.Kind.NUMBER, text, start + 1));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < query.length()
            && (Character.isLetterOrDigit(query.charAt(i))
                || "_-.:".indexOf(query.charAt(i)) >= 0)) {
          i++;
        }
        tokens.add(new Token(Token.Kind.WORD, query.substring(start, i), start + 1));
      } else {
        throw new QuerySyntaxException("unexpected character '" + c + "'", start + 1);
      }
    }
    tokens.add(new Token(Token.Kind.END, "", query.length() + 1));
    return tokens;
  }
}
