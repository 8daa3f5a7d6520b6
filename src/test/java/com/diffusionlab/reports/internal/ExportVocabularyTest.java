package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExportVocabularyTest {

  @Test
  void scanCollectsEachDictionaryColumnsDistinctValuesSortedWithoutNulls() {
    ExportVocabulary vocabulary =
        ExportVocabulary.scan(
            Stream.of(
                new ExportRowBuilder().model("sd21").device("cuda:0", "fp16").build(),
                new ExportRowBuilder().model("sd15").device(null, null).build(),
                new ExportRowBuilder().model("sd21").device("cpu", "fp32").build()));

    assertThat(vocabulary.valuesOf(ExportColumns.MODEL)).containsExactly("sd15", "sd21");
    assertThat(vocabulary.valuesOf(ExportColumns.DEVICE)).containsExactly("cpu", "cuda:0");
    assertThat(vocabulary.valuesOf(ExportColumns.PRECISION)).containsExactly("fp16", "fp32");
    assertThat(vocabulary.valuesOf(ExportColumns.SAMPLER)).containsExactly("euler_a");
  }

  @Test
  void statusesAreFixedAndCannotBeGiven() {
    assertThat(new ExportVocabulary(Map.of()).valuesOf(ExportColumns.STATUS))
        .containsExactly("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");
    assertThatThrownBy(() -> new ExportVocabulary(Map.of(ExportColumns.STATUS, List.of("PAUSED"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status has a fixed vocabulary");
  }

  @Test
  void givenValuesAreDeduplicatedAndSorted() {
    ExportVocabulary vocabulary =
        new ExportVocabulary(Map.of(ExportColumns.MODEL, List.of("b", "a", "b")));

    assertThat(vocabulary.valuesOf(ExportColumns.MODEL)).containsExactly("a", "b");
    assertThat(vocabulary.valuesOf(ExportColumns.RNG)).isEmpty();
  }
}
