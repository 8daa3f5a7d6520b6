package com.diffusionlab.reports.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One column of a run export: its name (the same in every format), the kind of values it holds and
 * where a row keeps them. The kinds are a closed set so that every writer has to say, checked by
 * the compiler, how it writes each of them.
 */
public sealed interface ExportColumn {

  String name();

  boolean nullable();

  /** A 32-bit integer. */
  record IntColumn(String name, boolean nullable, Function<ExportRow, Integer> value)
      implements ExportColumn {}

  /** A 64-bit integer. */
  record LongColumn(String name, boolean nullable, Function<ExportRow, Long> value)
      implements ExportColumn {}

  /** A 64-bit floating-point number. */
  record DoubleColumn(String name, boolean nullable, Function<ExportRow, Double> value)
      implements ExportColumn {}

  /** True or false. */
  record BooleanColumn(String name, boolean nullable, Function<ExportRow, Boolean> value)
      implements ExportColumn {}

  /** Free text, which is what a spreadsheet could take for a formula. */
  record TextColumn(String name, boolean nullable, Function<ExportRow, String> value)
      implements ExportColumn {}

  /** A point in time, kept to the microsecond, in UTC. */
  record InstantColumn(String name, boolean nullable, Function<ExportRow, Instant> value)
      implements ExportColumn {}

  /**
   * Text from a small set of values repeated on many rows, which Arrow stores once per file as a
   * dictionary.
   *
   * @param fixedValues every value the column can take, when that is known in advance; empty when
   *     each export supplies its own ({@link ExportVocabulary})
   */
  record DictionaryColumn(
      String name, boolean nullable, Function<ExportRow, String> value, List<String> fixedValues)
      implements ExportColumn {

    public DictionaryColumn {
      fixedValues = List.copyOf(fixedValues);
    }
  }

  /** A list of text, never null: empty when there is nothing. */
  record TextListColumn(String name, Function<ExportRow, List<String>> value)
      implements ExportColumn {

    @Override
    public boolean nullable() {
      return false;
    }
  }

  /** A list of 64-bit floating-point numbers, never null: empty when there is nothing. */
  record DoubleListColumn(String name, Function<ExportRow, List<Double>> value)
      implements ExportColumn {

    @Override
    public boolean nullable() {
      return false;
    }
  }
}
