package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.diffusionlab.reports.internal.ExportColumn.BooleanColumn;
import com.diffusionlab.reports.internal.ExportColumn.DictionaryColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleListColumn;
import com.diffusionlab.reports.internal.ExportColumn.InstantColumn;
import com.diffusionlab.reports.internal.ExportColumn.IntColumn;
import com.diffusionlab.reports.internal.ExportColumn.LongColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextListColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Arrow export opens outside Java: src/test/js/arrow-interop/read-export.mjs reads one with
 * Arrow JS, an independent implementation, and prints what it saw, which must be what Java wrote.
 * Needs Node 24 in tools/node24 (bin/install-node) and, the first time, the npm registry for {@code
 * npm ci} into target/arrow-interop. pandas, pyarrow, polars and DuckDB are checked by
 * bin/check-arrow-interop where their wheels are available (docs/exports.md has the results).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArrowInteropIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path SOURCES = Path.of("src/test/js/arrow-interop");
  private static final Path WORK = Path.of("target/arrow-interop");
  private static final Path NODE = Path.of("tools/node24/node");
  private static final Path NPM = Path.of("tools/node24/node_modules/npm/bin/npm-cli.js");
  private static final Duration NPM_CI_LIMIT = Duration.ofMinutes(5);
  private static final Duration READ_LIMIT = Duration.ofMinutes(3);

  /** The varied rows first, then enough numbered ones for three record batches. */
  private List<ExportRow> rows;

  private List<Integer> printedRows;
  private JsonNode read;

  @BeforeAll
  void writeAnExportAndReadItWithNode() throws IOException, InterruptedException {
    rows =
        Stream.concat(
                ArrowExportWriterTest.variedRows().stream(),
                ArrowExportWriterTest.numberedRows(20_000).stream())
            .toList();
    printedRows = List.of(0, 1, 2, 3, 4, 8191, 8192, rows.size() - 1);
    Files.createDirectories(WORK);
    Path export = WORK.resolve("export.arrow");
    try (OutputStream out = Files.newOutputStream(export);
        ArrowExportWriter writer =
            ArrowExportWriter.open(
                out,
                new ExportMetadata("0.1.0", Instant.parse("2026-12-07T08:00:00Z"), "interop"),
                ExportVocabulary.scan(rows.stream()))) {
      for (ExportRow row : rows) {
        writer.write(row);
      }
    }
    installReaders();
    List<String> command =
        new ArrayList<>(
            List.of(NODE.toAbsolutePath().toString(), "read-export.mjs", "export.arrow"));
    printedRows.forEach(row -> command.add(row.toString()));
    read = JSON.readTree(run(READ_LIMIT, command));
  }

  @Test
  void arrowJsSeesEveryRowAndTheColumnsWithTheirTypes() {
    JsonNode arrowJs = read.get("arrowjs");

    assertThat(arrowJs.get("rows").asInt()).isEqualTo(rows.size());
    assertThat(arrowJs.get("batches").asInt()).isEqualTo(3);
    assertThat(names(arrowJs.get("columns"))).containsExactlyElementsOf(ExportColumns.names());
    assertThat(column(arrowJs, "run_id").get("type").asString()).isEqualTo("Int64");
    assertThat(column(arrowJs, "output_index").get("type").asString()).isEqualTo("Int32");
    assertThat(column(arrowJs, "status").get("type").asString())
        .isEqualTo("Dictionary<Int32, Utf8>");
    assertThat(column(arrowJs, "experiments").get("type").asString()).isEqualTo("List<Utf8>");
    assertThat(column(arrowJs, "created_at").get("type").asString())
        .isEqualTo("Timestamp<MICROSECOND, UTC>");
    assertThat(column(arrowJs, "step_seconds").get("type").asString()).isEqualTo("List<Float64>");
    assertThat(column(arrowJs, "reproduced_exactly").get("type").asString()).isEqualTo("Bool");
    assertThat(column(arrowJs, "output_index").get("nullable").asBoolean()).isTrue();
    assertThat(column(arrowJs, "run_id").get("nullable").asBoolean()).isFalse();
    assertThat(arrowJs.get("metadata").get("dlab_export_format").asString()).isEqualTo("1");
    assertThat(arrowJs.get("metadata").get("selection").asString()).isEqualTo("interop");
  }

  @Test
  void arrowJsReadsEveryValueJavaWrote() {
    JsonNode values = read.get("arrowjs").get("values");

    assertThat(values).hasSize(printedRows.size());
    for (int i = 0; i < printedRows.size(); i++) {
      ExportRow row = rows.get(printedRows.get(i));
      for (ExportColumn column : ExportColumns.ALL) {
        Object expected = ExportColumnsTest.read(column, row);
        assertThat(arrowJsValue(column, values.get(i).get(column.name())))
            .as("row %d, %s", printedRows.get(i), column.name())
            .isEqualTo(expected);
      }
    }
  }

  /** A value as read-export.mjs prints it, back as the type the column reads from a row. */
  private static Object arrowJsValue(ExportColumn column, JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    return switch (column) {
      case IntColumn c -> value.asInt();
      case LongColumn c -> Long.parseLong(value.asString());
      case DoubleColumn c -> value.asDouble();
      case BooleanColumn c -> value.asBoolean();
      case TextColumn c -> value.asString();
      case DictionaryColumn c -> value.asString();
      case InstantColumn c ->
          Instant.EPOCH.plus(Long.parseLong(value.asString()), ChronoUnit.MICROS);
      case TextListColumn c -> strings(value);
      case DoubleListColumn c -> elements(value).map(JsonNode::asDouble).toList();
    };
  }

  private static List<String> strings(JsonNode array) {
    return elements(array).map(JsonNode::asString).toList();
  }

  private static List<String> names(JsonNode columns) {
    return elements(columns).map(column -> column.get("name").asString()).toList();
  }

  private static JsonNode column(JsonNode reader, String name) {
    return elements(reader.get("columns"))
        .filter(column -> column.get("name").asString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Stream<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  /** Installs the locked Arrow JS into target/arrow-interop unless already there. */
  private static void installReaders() throws IOException, InterruptedException {
    Path lock = SOURCES.resolve("package-lock.json");
    Path installed = WORK.resolve("package-lock.json");
    boolean current =
        Files.exists(WORK.resolve("node_modules"))
            && Files.exists(installed)
            && Files.mismatch(lock, installed) == -1;
    for (String file : List.of("package.json", "package-lock.json", "read-export.mjs")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!current) {
      run(
          NPM_CI_LIMIT,
          List.of(
              NODE.toAbsolutePath().toString(),
              NPM.toAbsolutePath().toString(),
              "ci",
              "--no-audit",
              "--no-fund"));
    }
  }

  /** Runs {@code command} in target/arrow-interop and returns its standard output. */
  private static String run(Duration limit, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(WORK.toAbsolutePath(), "out-", ".txt");
    Path err = Files.createTempFile(WORK.toAbsolutePath(), "err-", ".txt");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(WORK.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        fail(
            "%s took more than %s%n%s%n%s",
            command, limit, Files.readString(out), Files.readString(err));
      }
      if (process.exitValue() != 0) {
        fail(
            "%s exited with %d%n%s%n%s",
            command, process.exitValue(), Files.readString(out), Files.readString(err));
      }
      return Files.readString(out);
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }
}
