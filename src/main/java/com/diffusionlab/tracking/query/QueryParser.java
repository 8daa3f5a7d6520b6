package com.diffusionlab.tracking.query;

import com.diffusionlab.tracking.QuerySyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Parses run queries such as {@code cfg > 7 and sampler = 'euler' and prompt ~ 'cat' and tag =
 * 'best'}: comparisons joined by {@code and}, {@code or}, {@code not} and parentheses ({@code and}
 * binds tighter than {@code or}).
 */
final class QueryParser {
  private final List<Token> tokens;
  private int next;

  private QueryParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static QueryNode parse(String query) {
    QueryParser parser = new QueryParser(Lexer.tokens(query));
    QueryNode node = parser.or();
    Token end = parser.peek();
    if (end.kind() != Token.Kind.END) {
      throw new QuerySyntaxException(
          "expected 'and', 'or' or the end, found '" + end.text() + "'", end.position());
    }
    return node;
  }

  private QueryNode or() {
    QueryNode left = and();
    while (keyword("or")) {
      next++;
      left = new QueryNode.Or(left, and());
    }
    return left;
  }

  private QueryNode and() {
    QueryNode left = not();
    while (keyword("and")) {
      next++;
      left = new QueryNode.And(left, not());
    }
    return left;
  }

  private QueryNode not() {
    if (keyword("not")) {
      next++;
      return new QueryNode.Not(not());
    }
    return primary();
  }

  private QueryNode primary() {
    Token token = peek();
    if (token.kind() == Token.Kind.OPEN) {
      next++;
      QueryNode inner = or();
      Token close = peek();
      if (close.kind() != Token.Kind.CLOSE) {
        throw new QuerySyntaxException(
            "expected ')' to close the '(' at position " + token.position(), close.position());
      }
      next++;
      return inner;
    }
    if (token.kind() != Token.Kind.WORD) {
      throw new QuerySyntaxException(
          token.kind() == Token.Kind.END
              ? "expected a field name, the query ended"
              : "expected a field name, found '" + token.text() + "'",
          token.position());
    }
    next++;
    QueryField field =
        QueryField.named(token.text())
            .orElseThrow(
                () ->
                    new QuerySyntaxException(
                        "unknown field '"
                            + token.text()
                            + "' (fields: "
                            + String.join(", ", QueryField.names())
                            + ")",
                        token.position()));
    Token operator = peek();
    if (operator.kind() != Token.Kind.OPERATOR) {
      throw new QuerySyntaxException(
          "expected an operator after '" + token.text() + "'", operator.position());
    }
    if (!field.type().operators.contains(operator.text())) {
      throw new QuerySyntaxException(
          "'"
              + operator.text()
              + "' does not apply to "
              + field.queryName()
              + " (use "
              + String.join(" ", field.type().operators.stream().sorted().toList())
              + ")",
          operator.position());
    }
    next++;
    Token value = peek();
    if (value.kind() != Token.Kind.WORD
        && value.kind() != Token.Kind.NUMBER
        && value.kind() != Token.Kind.STRING) {
      throw new QuerySyntaxException(
          "expected a value after '" + operator.text() + "'", value.position());
    }
    next++;
    return new QueryNode.Comparison(field, operator.text(), value);
  }

  private boolean keyword(String word) {
    Token token = peek();
    return token.kind() == Token.Kind.WORD && token.text().toLowerCase(Locale.ROOT).equals(word);
  }

  private Token peek() {
    return tokens.get(next);
  }
}
