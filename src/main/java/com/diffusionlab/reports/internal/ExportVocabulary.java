package com.diffusionlab.reports.internal;

import com.diffusionlab.reports.internal.ExportColumn.DictionaryColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The values each dictionary column of {@link ExportColumns} may take in one export, for the
 * columns whose values are not fixed in advance (model, sampler, schedule, rng, device, precision).
 * An Arrow IPC file carries each dictionary once, ahead of its first record batch, so these must be
 * known before the first row is written: typically from a {@code SELECT DISTINCT} over what is
 * being exported, or from {@link #scan} when the rows can be read twice.
 *
 * @param values each column's values, sorted so that the same selection gives the same file
 */
public record ExportVocabulary(Map<DictionaryColumn, List<String>> values) {

  public ExportVocabulary {
    Map<DictionaryColumn, List<String>> sorted = new HashMap<>();
    values.forEach(
        (column, columnValues) -> {
          if (!column.fixedValues().isEmpty()) {
            throw new IllegalArgumentException(
                column.name() + " has a fixed vocabulary: " + column.fixedValues());
          }
          sorted.put(column, List.copyOf(new TreeSet<>(columnValues)));
        });
    values = Map.copyOf(sorted);
  }

  /** Collects the distinct values of every open dictionary column, holding nothing else. */
  public static ExportVocabulary scan(Stream<ExportRow> rows) {
    List<DictionaryColumn> open = openDictionaryColumns();
    Map<DictionaryColumn, Set<String>> seen = new HashMap<>();
    open.forEach(column -> seen.put(column, new TreeSet<>()));
    rows.forEach(
        row ->
            open.forEach(
                column -> {
                  String value = column.value().apply(row);
                  if (value != null) {
                    seen.get(column).add(value);
                  }
                }));
    return new ExportVocabulary(
        seen.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue()))));
  }

  /** The values {@code column} may take: its fixed ones, or those given for this export. */
  public List<String> valuesOf(DictionaryColumn column) {
    return column.fixedValues().isEmpty()
        ? values.getOrDefault(column, List.of())
        : column.fixedValues();
  }

  private static List<DictionaryColumn> openDictionaryColumns() {
    return ExportColumns.ALL.stream()
        .filter(DictionaryColumn.class::isInstance)
        .map(DictionaryColumn.class::cast)
        .filter(column -> column.fixedValues().isEmpty())
        .toList();
  }
}
