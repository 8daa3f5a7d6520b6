package com.diffusionlab.tracking.query;

/** The parsed form of a run query. */
sealed interface QueryNode {
  record And(QueryNode left, QueryNode right) implements QueryNode {}

  record Or(QueryNode left, QueryNode right) implements QueryNode {}

  record Not(QueryNode inner) implements QueryNode {}

  record Comparison(QueryField field, String operator, Token value) implements QueryNode {}
}
