package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.tracking.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Test;

class ArrowExportWriterTest {

  private static final ExportMetadata METADATA =
      new ExportMetadata(
          "0.1.0", Instant.parse("2026-12-07T08:00:00Z"), "session 10, experiment baseline");

  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType FLOAT64 =
      new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  private static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  private static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
  private static final ArrowType LIST = ArrowType.List.INSTANCE;

  /** name, value type (the dictionary's for dictionary columns), nullable, dictionary-encoded. */
  private record Expected(String name, ArrowType type, boolean nullable, boolean dictionary) {}

  private static final List<Expected> SCHEMA =
      List.of(
          new Expected("run_id", INT64, false, false),
          new Expected("output_index", INT32, true, false),
          new Expected("image_seed", INT64, true, false),
          new Expected("status", UTF8, false, true),
          new Expected("experiments", LIST, false, false),
          new Expected("session_id", INT64, false, false),
          new Expected("user", UTF8, false, false),
          new Expected("parent_id", INT64, true, false),
          new Expected("created_at", TIMESTAMP, false, false),
          new Expected("started_at", TIMESTAMP, true, false),
          new Expected("finished_at", TIMESTAMP, true, false),
          new Expected("prompt", UTF8, false, false),
          new Expected("negative_prompt", UTF8, false, false),
          new Expected("model", UTF8, false, true),
          new Expected("model_hash", UTF8, false, false),
          new Expected("sampler", UTF8, false, true),
          new Expected("schedule", UTF8, false, true),
          new Expected("rng", UTF8, false, true),
          new Expected("eta", FLOAT64, false, false),
          new Expected("cfg", FLOAT64, false, false),
          new Expected("steps", INT32, false, false),
          new Expected("width", INT32, false, false),
          new Expected("height", INT32, false, false),
          new Expected("batch", INT32, false, false),
          new Expected("clip_skip", INT32, false, false),
          new Expected("seed", INT64, false, false),
          new Expected("strength", FLOAT64, true, false),
          new Expected("sweep_id", INT64, true, false),
          new Expected("axis_values", UTF8, true, false),
          new Expected("engine_version", UTF8, true, false),
          new Expected("device", UTF8, true, true),
          new Expected("precision", UTF8, true, true),
          new Expected("queue_wait_seconds", FLOAT64, true, false),
          new Expected("load_seconds", FLOAT64, true, false),
          new Expected("tokenize_seconds", FLOAT64, true, false),
          new Expected("encode_seconds", FLOAT64, true, false),
          new Expected("sampling_seconds", FLOAT64, true, false),
          new Expected("decode_seconds", FLOAT64, true, false),
          new Expected("total_seconds", FLOAT64, true, false),
          new Expected("step_seconds", LIST, false, false),
          new Expected("peak_rss_bytes", INT64, true, false),
          new Expected("peak_device_bytes", INT64, true, false),
          new Expected("device_seconds", FLOAT64, true, false),
          new Expected("cost", FLOAT64, true, false),
          new Expected("estimate_seconds", FLOAT64, true, false),
          new Expected("png_sha256", UTF8, true, false),
          new Expected("pixel_sha256", UTF8, true, false),
          new Expected("reproduced_exactly", BOOL, true, false),
          new Expected("tags", LIST, false, false),
          new Expected("error", UTF8, true, false),
          new Expected("notes", UTF8, true, false));

  /** A batch-of-two run, a failed run, a unicode sweep replay, an unstarted img2img run. */
  static List<ExportRow> variedRows() {
    return List.of(
        new ExportRowBuilder().runId(1).output(0).experiments("baseline", "cfg sweep").build(),
        new ExportRowBuilder().runId(1).output(1).experiments("baseline", "cfg sweep").build(),
        ExportRowBuilder.failedWithoutImage(2).experiments().tags().build(),
        new ExportRowBuilder()
            .runId(3)
            .seed(-42)
            .output(0)
            .parentId(1L)
            .prompt("灯台 au crépuscule, \"huile\", 🌊\nsecond line")
            .negativePrompt("")
            .model("sd21-base")
            .sampler("dpmpp_2m")
            .cfg(-0.5)
            .sweep(7L, "cfg=3; steps=20")
            .device("cuda:0", "fp16")
            .reproducedExactly(true)
            .tags("keep", "ünïcode")
            .notes("=1+1")
            .build(),
        new ExportRowBuilder()
            .runId(4)
            .status(RunStatus.QUEUED)
            .unstarted()
            .strength(0.75)
            .device(null, null)
            .stepSeconds(List.of())
            .reproducedExactly(false)
            .build());
  }

  @Test
  void schemaHasTheExportColumnsWithTheirTypesNullabilityAndDictionaries() throws IOException {
    ArrowExportFile file = roundTrip(variedRows());

    List<Field> fields = file.schema().getFields();
    assertThat(fields)
        .extracting(Field::getName)
        .containsExactlyElementsOf(SCHEMA.stream().map(Expected::name).toList());
    for (int i = 0; i < SCHEMA.size(); i++) {
      Expected expected = SCHEMA.get(i);
      Field field = fields.get(i);
      assertThat(field.getType()).as(expected.name()).isEqualTo(expected.type());
      assertThat(field.isNullable()).as(expected.name()).isEqualTo(expected.nullable());
      assertThat(field.getDictionary() != null)
          .as(expected.name())
          .isEqualTo(expected.dictionary());
    }
    assertThat(fields)
        .filteredOn(field -> field.getDictionary() != null)
        .allSatisfy(
            field -> {
              assertThat(field.getDictionary().getIndexType()).isEqualTo(INT32);
              assertThat(field.getDictionary().isOrdered()).isFalse();
            });
    assertThat(fields)
        .filteredOn(field -> field.getType() instanceof ArrowType.List)
        .allSatisfy(
            field ->
                assertThat(field.getChildren())
                    .singleElement()
                    .satisfies(
                        item -> {
                          assertThat(item.getName()).isEqualTo("item");
                          assertThat(item.isNullable()).isFalse();
                          assertThat(item.getType())
                              .isEqualTo(field.getName().equals("step_seconds") ? FLOAT64 : UTF8);
                        }));
  }

  @Test
  void schemaMetadataSaysWhatWasExportedWhenAndByWhichEngine() throws IOException {
    assertThat(roundTrip(variedRows()).schema().getCustomMetadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "engine_version", "0.1.0",
                "exported_at", "2026-12-07T08:00:00Z",
                "dlab_export_format", "1",
                "selection", "session 10, experiment baseline"));
  }

  @Test
  void everyValueReadsBackAsWritten() throws IOException {
    List<ExportRow> rows = variedRows();

    ArrowExportFile file = roundTrip(rows);

    assertThat(file.rows()).containsExactlyElementsOf(rows);
    assertThat(file.rows().get(2).outputIndex()).isNull();
    assertThat(file.rows().get(2).experiments()).isEmpty();
    assertThat(file.rows().get(3).prompt())
        .isEqualTo("灯台 au crépuscule, \"huile\", 🌊\nsecond line");
    assertThat(file.rows().get(3).cfg()).isEqualTo(-0.5);
    assertThat(file.rows().get(4).device()).isNull();
  }

  @Test
  void timestampsAreMicrosecondsSinceTheEpochInUtc() throws IOException {
    Instant created = Instant.parse("1969-12-31T23:59:59.999999999Z");

    ArrowExportFile file = roundTrip(List.of(new ExportRowBuilder().createdAt(created).build()));

    assertThat(file.rows().getFirst().createdAt()).isEqualTo("1969-12-31T23:59:59.999999Z");
    assertThat(ArrowColumns.micros(Instant.parse("2026-12-06T10:15:30.123456Z")))
        .isEqualTo(1_796_552_130_123_456L);
  }

  @Test
  void dictionariesHoldStatusesInTheirOrderAndTheVocabularySorted() throws IOException {
    ArrowExportFile file = roundTrip(variedRows());

    assertThat(file.dictionaries())
        .containsEntry("status", List.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"))
        .containsEntry("model", List.of("sd15-tiny", "sd21-base"))
        .containsEntry("sampler", List.of("dpmpp_2m", "euler_a"))
        .containsEntry("device", List.of("cpu", "cuda:0"))
        .containsEntry("precision", List.of("fp16", "fp32"));
  }

  @Test
  void writesRecordBatchesOfAFixedSizeAndReadsBackEveryRow() throws IOException {
    List<ExportRow> rows = numberedRows(20_000);

    ArrowExportFile file = roundTrip(rows);

    assertThat(file.batchRows()).containsExactly(8192, 8192, 3616);
    assertThat(file.rows()).hasSize(20_000);
    for (int i : new int[] {0, 8191, 8192, 16_383, 16_384, 19_999}) {
      assertThat(file.rows().get(i)).as("row %d", i).isEqualTo(rows.get(i));
    }
  }

  @Test
  void memoryPeaksAtOneBatchHoweverManyRowsAreWritten() throws IOException {
    long peakFor3Batches = peakMemory(numberedRows(3 * 1000), 1000);
    long peakFor12Batches = peakMemory(numberedRows(12 * 1000), 1000);

    assertThat(peakFor12Batches).isEqualTo(peakFor3Batches);
  }

  @Test
  void closingFreesAllOfTheExportsMemory() throws IOException {
    RootAllocator allocator = new RootAllocator();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArrowExportWriter writer =
        ArrowExportWriter.open(
            Channels.newChannel(out), METADATA, vocabulary(variedRows()), 2, allocator)) {
      for (ExportRow row : variedRows()) {
        writer.write(row);
      }
      assertThat(allocator.getAllocatedMemory()).isPositive();
    }

    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  @Test
  void refusesAValueOutsideTheVocabularyAndStillFreesItsMemory() {
    RootAllocator allocator = new RootAllocator();
    ExportVocabulary vocabulary = vocabulary(variedRows());

    assertThatThrownBy(
            () -> {
              try (ArrowExportWriter writer =
                  ArrowExportWriter.open(
                      Channels.newChannel(new ByteArrayOutputStream()),
                      METADATA,
                      vocabulary,
                      ArrowExportWriter.DEFAULT_BATCH_ROWS,
                      allocator)) {
                writer.write(new ExportRowBuilder().model("sdxl").build());
              }
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model='sdxl'");
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  @Test
  void anEmptyExportStillHasItsSchema() throws IOException {
    ArrowExportFile file = roundTrip(List.of());

    assertThat(file.rows()).isEmpty();
    assertThat(file.batchRows()).isEmpty();
    assertThat(file.schema().getFields()).hasSize(SCHEMA.size());
  }

  static List<ExportRow> numberedRows(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                new ExportRowBuilder()
                    .runId(i)
                    .seed(1000L * i)
                    .output(0)
                    .prompt("prompt %06d".formatted(i))
                    .sampler(i % 2 == 0 ? "euler_a" : "dpmpp_2m")
                    .build())
        .toList();
  }

  static ExportVocabulary vocabulary(List<ExportRow> rows) {
    return ExportVocabulary.scan(rows.stream());
  }

  static byte[] write(List<ExportRow> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArrowExportWriter writer = ArrowExportWriter.open(out, METADATA, vocabulary(rows))) {
      for (ExportRow row : rows) {
        writer.write(row);
      }
    }
    return out.toByteArray();
  }

  private static ArrowExportFile roundTrip(List<ExportRow> rows) throws IOException {
    return ArrowExportFile.read(new ByteArrayReadableSeekableByteChannel(write(rows)));
  }

  private static long peakMemory(List<ExportRow> rows, int batchRows) throws IOException {
    RootAllocator allocator = new RootAllocator();
    try (ArrowExportWriter writer =
        ArrowExportWriter.open(
            Channels.newChannel(new ByteArrayOutputStream()),
            METADATA,
            vocabulary(rows),
            batchRows,
            allocator)) {
      for (ExportRow row : rows) {
        writer.write(row);
      }
    }
    return allocator.getPeakMemoryAllocation();
  }
}
