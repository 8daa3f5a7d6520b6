package com.diffusionlab.tracking.query;

import com.diffusionlab.tracking.QuerySyntaxException;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.internal.RunEntity;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.data.jpa.domain.Specification;

/**
 * Turns run queries into JPA specifications. Names that live elsewhere (experiments, users) are
 * resolved to ids by the caller's functions before the query runs.
 */
public final class RunQueries {

  private final Function<String, Collection<Long>> experimentsNamed;
  private final Function<String, Collection<Long>> experimentsContaining;
  private final Function<String, Collection<Long>> usersNamed;

  public RunQueries(
      Function<String, Collection<Long>> experimentsNamed,
      Function<String, Collection<Long>> experimentsContaining,
      Function<String, Collection<Long>> usersNamed) {
    this.experimentsNamed = experimentsNamed;
    this.experimentsContaining = experimentsContaining;
    this.usersNamed = usersNamed;
  }

  /**
   * @throws QuerySyntaxException pointing at the offending position
   */
  public Specification<RunEntity> specification(String query) {
    if (query == null || query.isBlank()) {
      return (root, q, cb) -> cb.conjunction();
    }
    QueryNode node = QueryParser.parse(query);
    validate(node);
    return (root, q, cb) -> predicate(node, root, cb);
  }

  /** Checks values against field types up front, so errors surface before the database runs. */
  private void validate(QueryNode node) {
    switch (node) {
      case QueryNode.And and -> {
        validate(and.left());
        validate(and.right());
      }
      case QueryNode.Or or -> {
        validate(or.left());
        validate(or.right());
      }
      case QueryNode.Not not -> validate(not.inner());
      case QueryNode.Comparison c -> {
        switch (c.field().type()) {
          case NUMBER -> number(c);
          case STATUS -> status(c);
          case BOOLEAN -> bool(c);
          case TIME -> time(c);
          default -> {}
        }
      }
    }
  }

  private Predicate predicate(QueryNode node, Root<RunEntity> root, CriteriaBuilder cb) {
    return switch (node) {
      case QueryNode.And and ->
          cb.and(predicate(and.left(), root, cb), predicate(and.right(), root, cb));
      case QueryNode.Or or ->
          cb.or(predicate(or.left(), root, cb), predicate(or.right(), root, cb));
      case QueryNode.Not not -> cb.not(predicate(not.inner(), root, cb));
      case QueryNode.Comparison c -> comparison(c, root, cb);
    };
  }

  private Predicate comparison(QueryNode.Comparison c, Root<RunEntity> root, CriteriaBuilder cb) {
    QueryField field = c.field();
    String op = c.operator();
    String value = c.value().text();
    return switch (field.type()) {
      case NUMBER -> {
        Path<Number> path = path(root, field.attribute());
        double number = number(c);
        Expression<Number> literal = cb.literal(number);
        yield switch (op) {
          case "=" -> cb.equal(path, literal);
          case "!=" -> cb.or(cb.notEqual(path, literal), cb.isNull(path));
          case "<" -> cb.lt(path, literal);
          case "<=" -> cb.le(path, literal);
          case ">" -> cb.gt(path, literal);
          default -> cb.ge(path, literal);
        };
      }
      case TEXT, HASH -> {
        Expression<String> path = cb.lower(path(root, field.attribute()));
        String lower = value.toLowerCase(Locale.ROOT);
        if (field.type() == QueryField.Type.HASH && op.equals("=")) {
          yield cb.like(path, escape(lower) + "%", '\\');
        }
        yield switch (op) {
          case "=" -> cb.equal(path, lower);
          case "!=" -> cb.or(cb.notEqual(path, lower), cb.isNull(path));
          case "~" -> cb.like(path, "%" + escape(lower) + "%", '\\');
          default -> cb.or(cb.notLike(path, "%" + escape(lower) + "%", '\\'), cb.isNull(path));
        };
      }
      case STATUS -> {
        Predicate equal = cb.equal(path(root, field.attribute()), status(c));
        yield op.equals("=") ? equal : cb.not(equal);
      }
      case TAG -> {
        Predicate member = cb.isMember(value, path(root, field.attribute()));
        yield op.equals("=") ? member : cb.not(member);
      }
      case EXPERIMENT -> {
        Collection<Long> ids =
            op.equals("~") ? experimentsContaining.apply(value) : experimentsNamed.apply(value);
        Expression<Collection<Long>> memberships = path(root, field.attribute());
        Predicate in =
            cb.or(ids.stream().map(id -> cb.isMember(id, memberships)).toArray(Predicate[]::new));
        yield op.equals("!=") ? cb.not(in) : in;
      }
      case USER -> {
        Collection<Long> ids = usersNamed.apply(value);
        Predicate in = ids.isEmpty() ? cb.disjunction() : path(root, field.attribute()).in(ids);
        yield op.equals("!=") ? cb.not(in) : in;
      }
      case BOOLEAN -> {
        Predicate equal = cb.equal(path(root, field.attribute()), bool(c));
        yield op.equals("=")
            ? equal
            : cb.or(cb.not(equal), cb.isNull(path(root, field.attribute())));
      }
      case TIME -> {
        Path<Instant> path = path(root, field.attribute());
        Instant instant = time(c);
        yield switch (op) {
          case "<" -> cb.lessThan(path, instant);
          case "<=" -> cb.lessThanOrEqualTo(path, instant);
          case ">" -> cb.greaterThan(path, instant);
          default -> cb.greaterThanOrEqualTo(path, instant);
        };
      }
    };
  }

  /** An attribute by its dotted path, e.g. {@code settings.cfg}. */
  private static <T> Path<T> path(Root<RunEntity> root, String attribute) {
    Path<?> path = root;
    for (String part : attribute.split("\\.")) {
      path = path.get(part);
    }
    @SuppressWarnings("unchecked")
    Path<T> typed = (Path<T>) path;
    return typed;
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static double number(QueryNode.Comparison c) {
    try {
      return Double.parseDouble(c.value().text());
    } catch (NumberFormatException e) {
      throw new QuerySyntaxException(
          c.field().queryName() + " needs a number, found '" + c.value().text() + "'",
          c.value().position());
    }
  }

  private static RunStatus status(QueryNode.Comparison c) {
    try {
      return RunStatus.valueOf(c.value().text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new QuerySyntaxException(
          "status is one of queued, running, succeeded, failed, cancelled, not '"
              + c.value().text()
              + "'",
          c.value().position());
    }
  }

  private static boolean bool(QueryNode.Comparison c) {
    String text = c.value().text().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new QuerySyntaxException(
          c.field().queryName() + " is true or false, not '" + c.value().text() + "'",
          c.value().position());
    }
    return Boolean.parseBoolean(text);
  }

  private static Instant time(QueryNode.Comparison c) {
    String text = c.value().text();
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new QuerySyntaxException(
          "created needs a date (2026-11-21) or an instant (2026-11-21T10:00:00Z), not '"
              + text
              + "'",
          c.value().position());
    }
  }
}
