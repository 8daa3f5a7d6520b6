package com.diffusionlab.reports.internal;

import com.diffusionlab.reports.internal.ExportColumn.BooleanColumn;
import com.diffusionlab.reports.internal.ExportColumn.DictionaryColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleListColumn;
import com.diffusionlab.reports.internal.ExportColumn.InstantColumn;
import com.diffusionlab.reports.internal.ExportColumn.IntColumn;
import com.diffusionlab.reports.internal.ExportColumn.LongColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextListColumn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a run export as CSV (RFC 4180, UTF-8, CRLF between records) as rows arrive: a header of
 * the {@link ExportColumns} names, then one record per row, the same columns in the same order as
 * {@link ArrowExportWriter}.
 *
 * <ul>
 *   <li>Nulls are empty cells (so are empty strings: CSV cannot tell them apart; Arrow can).
 *   <li>Timestamps are ISO-8601 in UTC, to the microsecond, e.g. {@code
 *       2026-12-06T10:15:30.123456Z} (Java's {@code Instant} form: 0, 3 or 6 fraction digits).
 *   <li>Lists are joined with {@code ;}: {@code baseline;sweep 2} for experiments and tags, {@code
 *       0.51;0.49} for step seconds, an empty cell for an empty list. Inside a text item, {@code ;}
 *       and {@code \} are escaped as {@code \;} and {@code \\} (experiment names may contain them).
 *   <li>Numbers are Java's shortest round-trip form ({@code 7.5}, {@code -0.5}, {@code 1.0E-5}).
 * </ul>
 *
 * <p>Spreadsheet formula injection (OWASP's CSV injection advice): a text cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading {@code '}, so
 * that Excel, LibreOffice and Google Sheets show it as text instead of evaluating it. Only text
 * columns (plain text, dictionary text and text lists) are neutralised: numeric, boolean and
 * timestamp columns come from typed values and cannot hold a formula, and a negative number there
 * (a cfg of {@code -0.5}) must stay a number. A neutralised cell reads back with the apostrophe;
 * the Arrow export has the exact text.
 *
 * <p>Not thread-safe. Closing flushes and closes the destination.
 */
public final class CsvExportWriter implements AutoCloseable {

  private static final String LIST_SEPARATOR = ";";
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private final CSVPrinter printer;
  private final List<Function<ExportRow, String>> cells;

  private CsvExportWriter(CSVPrinter printer) {
    this.printer = printer;
    this.cells = ExportColumns.ALL.stream().map(CsvExportWriter::cell).toList();
  }

  /** Writes UTF-8 without a byte-order mark. */
  public static CsvExportWriter open(OutputStream out) throws IOException {
    return open(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
  }

  /** Writes the header at once. */
  public static CsvExportWriter open(Writer out) throws IOException {
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader(ExportColumns.names().toArray(String[]::new)).get();
    return new CsvExportWriter(new CSVPrinter(out, format));
  }

  public void write(ExportRow row) throws IOException {
    for (Function<ExportRow, String> cell : cells) {
      printer.print(cell.apply(row));
    }
    printer.println();
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }

  private static Function<ExportRow, String> cell(ExportColumn column) {
    return switch (column) {
      case IntColumn c -> typed(c.value());
      case LongColumn c -> typed(c.value());
      case DoubleColumn c -> typed(c.value());
      case BooleanColumn c -> typed(c.value());
      case InstantColumn c -> row -> iso(c.value().apply(row));
      case TextColumn c -> row -> neutralise(c.value().apply(row));
      case DictionaryColumn c -> row -> neutralise(c.value().apply(row));
      case TextListColumn c ->
          row ->
              neutralise(
                  c.value().apply(row).stream()
                      .map(CsvExportWriter::escapeItem)
                      .collect(Collectors.joining(LIST_SEPARATOR)));
      case DoubleListColumn c ->
          row ->
              c.value().apply(row).stream()
                  .map(String::valueOf)
                  .collect(Collectors.joining(LIST_SEPARATOR));
    };
  }

  private static <T> Function<ExportRow, String> typed(Function<ExportRow, T> value) {
    return row -> Objects.toString(value.apply(row), null);
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
  }

  private static String escapeItem(String item) {
    return item.replace("\\", "\\\\").replace(LIST_SEPARATOR, "\\" + LIST_SEPARATOR);
  }

  private static String neutralise(String text) {
    return text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0
        ? "'" + text
        : text;
  }
}
