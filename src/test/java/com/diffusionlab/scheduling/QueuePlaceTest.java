package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueuePlaceTest {

  private static QueuePlace place(int position, Double eta) {
    return new QueuePlace(position, position - 1, eta, eta == null ? null : Instant.EPOCH, 1, null);
  }

  @Test
  void aPlaceReadsAsAnOrdinalWithTheStartInRoundFigures() {
    assertThat(place(3, 41.3).describe()).isEqualTo("3rd in the queue · starts in about 40 s");
    assertThat(place(1, 0.4).describe()).isEqualTo("next in the queue · starts in a moment");
    assertThat(place(2, 7.0).describe()).isEqualTo("2nd in the queue · starts in about 7 s");
    assertThat(place(11, 58.0).describe()).isEqualTo("11th in the queue · starts in about 55 s");
    assertThat(place(22, 150.0).describe()).isEqualTo("22nd in the queue · starts in about 3 min");
    assertThat(place(1_001, 3_725.0).describe())
        .isEqualTo("1,001st in the queue · starts in about 1 h 2 min");
    assertThat(place(113, 7_200.0).describe())
        .isEqualTo("113th in the queue · starts in about 2 h");
  }

  @Test
  void progressReadsAsStepsWithTheTimeLeft() {
    assertThat(new RunSteps("SAMPLING", 7, 20, 0.123, 1.6, "gpu-1", null).describe())
        .isEqualTo("step 7/20 · 0.12 s · about 2 s left");
    assertThat(new RunSteps("LOADING", 0, 20, null, 42, null, null).describe())
        .isEqualTo("loading … · about 40 s left");
    assertThat(new RunSteps("DECODING", 20, 20, 0.1, 0, "gpu-1", null).describe())
        .isEqualTo("step 20/20 · 0.10 s · finishing");
  }
}
