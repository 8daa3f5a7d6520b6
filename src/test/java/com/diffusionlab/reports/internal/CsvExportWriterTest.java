package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.diffusionlab.tracking.RunStatus;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvExportWriterTest {

  static Stream<Arguments> cells() {
    return Stream.of(
        arguments(new ExportRowBuilder().prompt("=1+1"), "prompt", "'=1+1"),
        arguments(new ExportRowBuilder().prompt("+1"), "prompt", "'+1"),
        arguments(new ExportRowBuilder().prompt("-1"), "prompt", "'-1"),
        arguments(new ExportRowBuilder().prompt("@SUM(A1)"), "prompt", "'@SUM(A1)"),
        arguments(new ExportRowBuilder().prompt("\tx"), "prompt", "'\tx"),
        arguments(new ExportRowBuilder().prompt("\rx"), "prompt", "'\rx"),
        arguments(new ExportRowBuilder().prompt("a cat, 1+1=2"), "prompt", "a cat, 1+1=2"),
        arguments(new ExportRowBuilder().prompt(""), "prompt", ""),
        arguments(new ExportRowBuilder().notes("=HYPERLINK(\"x\")"), "notes", "'=HYPERLINK(\"x\")"),
        arguments(new ExportRowBuilder().model("-sd15"), "model", "'-sd15"),
        arguments(new ExportRowBuilder().experiments("@team", "b"), "experiments", "'@team;b"),
        arguments(new ExportRowBuilder().tags("-keep"), "tags", "'-keep"),
        arguments(new ExportRowBuilder().cfg(-0.5), "cfg", "-0.5"),
        arguments(new ExportRowBuilder().seed(-42), "seed", "-42"),
        arguments(
            new ExportRowBuilder().stepSeconds(List.of(-0.5, 0.49)), "step_seconds", "-0.5;0.49"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cells")
  void onlyTextCellsThatASpreadsheetWouldEvaluateGetALeadingApostrophe(
      ExportRowBuilder row, String column, String expected) throws IOException {
    assertThat(parse(write(row.build())).getFirst().get(column)).isEqualTo(expected);
  }

  @Test
  void headerNamesTheSameColumnsInTheSameOrderAsTheArrowFile() throws IOException {
    List<ExportRow> rows = ArrowExportWriterTest.variedRows();
    ArrowExportFile arrow =
        ArrowExportFile.read(
            new ByteArrayReadableSeekableByteChannel(ArrowExportWriterTest.write(rows)));

    String csv = write(rows.toArray(ExportRow[]::new));

    assertThat(parser(csv).getHeaderNames())
        .containsExactlyElementsOf(arrow.schema().getFields().stream().map(Field::getName).toList())
        .containsExactlyElementsOf(ExportColumns.names());
  }

  @Test
  void quotesCommasQuotesAndNewlinesInPrompts() throws IOException {
    String prompt = "a \"lighthouse\", at dusk\r\nsecond line";

    String csv = write(new ExportRowBuilder().prompt(prompt).build());

    assertThat(csv).contains(",\"a \"\"lighthouse\"\", at dusk\r\nsecond line\",");
    assertThat(parse(csv).getFirst().get("prompt")).isEqualTo(prompt);
  }

  @Test
  void writesNullsAsEmptyCellsListsJoinedAndTimestampsInIsoUtc() throws IOException {
    CSVRecord failed =
        parse(
                write(
                    ExportRowBuilder.failedWithoutImage(2)
                        .experiments("baseline", "a;b\\c")
                        .tags()
                        .build()))
            .getFirst();
    CSVRecord succeeded = parse(write(new ExportRowBuilder().build())).getFirst();

    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat(failed.get("output_index")).isEmpty();
    assertThat(failed.get("png_sha256")).isEmpty();
    assertThat(failed.get("step_seconds")).isEmpty();
    assertThat(failed.get("tags")).isEmpty();
    assertThat(failed.get("experiments")).isEqualTo("baseline;a\\;b\\\\c");
    assertThat(failed.get("error")).isEqualTo("out of memory while loading the UNet");
    assertThat(succeeded.get("created_at")).isEqualTo("2026-12-06T10:15:30.123456Z");
    assertThat(succeeded.get("finished_at")).isEqualTo("2026-12-06T10:15:41.373456Z");
    assertThat(succeeded.get("step_seconds")).isEqualTo("0.51;0.49");
    assertThat(succeeded.get("cost")).isEqualTo("0.0025");
    assertThat(succeeded.get("peak_rss_bytes")).isEqualTo("1500000000");
    assertThat(succeeded.get("reproduced_exactly")).isEmpty();
  }

  @Test
  void writesEachRowAsItComes() throws IOException {
    StringWriter out = new StringWriter();
    try (CsvExportWriter writer = CsvExportWriter.open(out)) {
      writer.write(new ExportRowBuilder().runId(41).status(RunStatus.RUNNING).build());

      assertThat(out.toString()).startsWith("run_id,output_index,").contains("\r\n41,0,");
    }
  }

  private static String write(ExportRow... rows) throws IOException {
    StringWriter out = new StringWriter();
    try (CsvExportWriter writer = CsvExportWriter.open(out)) {
      for (ExportRow row : rows) {
        writer.write(row);
      }
    }
    return out.toString();
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    return parser(csv).getRecords();
  }

  private static CSVParser parser(String csv) throws IOException {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(csv));
  }
}
