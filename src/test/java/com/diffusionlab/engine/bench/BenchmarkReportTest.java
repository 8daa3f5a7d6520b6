package com.diffusionlab.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

  @Test
  void generationsAreComparedWithTheMedianMatmulAndWithTheBest() {
    BenchmarkReport report =
        new BenchmarkReport(
            "1.0",
            2,
            new BenchmarkReport.Matmul(200, 250, 120, 9),
            List.of(new BenchmarkReport.KernelTiming("convolution", 2, 5)),
            List.of(
                new BenchmarkReport.ModelRun(
                    "SD 1.5",
                    256,
                    15,
                    4_800_000_000L,
                    4.2,
                    3.6,
                    360,
                    100,
                    4,
                    5_000_000_000L,
                    5_100_000_000L)));

    String markdown = report.markdown();

    assertThat(markdown)
        .contains("**200.0 GFLOP/s**, the median of 9 timed products")
        .contains("(best 250.0, worst 120.0)")
        .contains("| convolution | 2.0 | 5.0 | 2.5× |")
        .contains("| SD 1.5 | 256 | 15.0 | 4.80 | 3.60 | 4.20 | 360.0 | 100.0 | 50% | 40% |");
  }

  @Test
  void theYardstickSummarisesItsSamples() {
    MatmulYardstick yardstick = new MatmulYardstick();
    // 2·2048³ FLOP = 17.18 GFLOP: 0.1 s is 171.8 GFLOP/s
    for (double seconds : new double[] {0.1, 0.2, 0.05, 0.1}) {
      yardstick.record(seconds);
    }
    assertThat(yardstick.samples()).isEqualTo(4);
    assertThat(yardstick.median()).isCloseTo(171.8, org.assertj.core.data.Offset.offset(0.1));
    assertThat(yardstick.best()).isCloseTo(343.6, org.assertj.core.data.Offset.offset(0.1));
    assertThat(yardstick.worst()).isCloseTo(85.9, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddlePair() {
    assertThat(Timings.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Timings.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThatThrownBy(() -> Timings.median(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
