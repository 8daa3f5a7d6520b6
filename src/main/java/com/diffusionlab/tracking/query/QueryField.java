package com.diffusionlab.tracking.query;

import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.SettingField;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run field a query can test: its query name, the entity attribute it reads (a dotted path into
 * the stored settings and timings) and the operators its type allows. The generation settings come
 * from {@link GenerationFields}; the rest are what a run recorded about itself.
 */
record QueryField(String queryName, String attribute, Type type) {

  enum Type {
    NUMBER(Set.of("=", "!=", "<", "<=", ">", ">=")),
    TEXT(Set.of("=", "!=", "~", "!~")),
    /** a content hash: {@code =} also matches a prefix (the short hash) */
    HASH(Set.of("=", "!=", "~", "!~")),
    STATUS(Set.of("=", "!=")),
    TAG(Set.of("=", "!=")),
    EXPERIMENT(Set.of("=", "!=", "~")),
    USER(Set.of("=", "!=")),
    BOOLEAN(Set.of("=", "!=")),
    TIME(Set.of("<", "<=", ">", ">="));

    final Set<String> operators;

    Type(Set<String> operators) {
      this.operators = operators;
    }
  }

  private static final List<QueryField> RUN_FIELDS =
      List.of(
          new QueryField("id", "id", Type.NUMBER),
          new QueryField("seconds", "timings.total", Type.NUMBER),
          new QueryField("cost", "cost", Type.NUMBER),
          new QueryField("device_seconds", "deviceSeconds", Type.NUMBER),
          new QueryField("parent", "parentId", Type.NUMBER),
          new QueryField("status", "status", Type.STATUS),
          new QueryField("device", "device", Type.TEXT),
          new QueryField("engine", "engineVersion", Type.TEXT),
          new QueryField("error", "error", Type.TEXT),
          new QueryField("notes", "notes", Type.TEXT),
          new QueryField("tag", "tags", Type.TAG),
          new QueryField("experiment", "experimentIds", Type.EXPERIMENT),
          new QueryField("user", "userId", Type.USER),
          new QueryField("reproduced", "reproducedExactly", Type.BOOLEAN),
          new QueryField("created", "createdAt", Type.TIME));

  private static final List<QueryField> ALL =
      Stream.concat(
              GenerationFields.all().stream()
                  .filter(field -> field.queryName() != null)
                  .map(QueryField::of),
              RUN_FIELDS.stream())
          .toList();

  private static QueryField of(SettingField field) {
    Type type =
        switch (field.kind()) {
          case INTEGER, DECIMAL -> Type.NUMBER;
          case MODEL -> Type.HASH;
          default -> Type.TEXT;
        };
    return new QueryField(field.queryName(), "settings." + field.name(), type);
  }

  static Optional<QueryField> named(String name) {
    return ALL.stream().filter(f -> f.queryName.equalsIgnoreCase(name)).findFirst();
  }

  static List<String> names() {
    return ALL.stream().map(QueryField::queryName).toList();
  }
}
