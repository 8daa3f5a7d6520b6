package com.diffusionlab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceMonitorTest {

  @Test
  void readsRssAndPeakFromProcStatusFormat(@TempDir Path dir) throws IOException {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\nThreads:\t3\n");
    ResourceMonitor monitor = new ResourceMonitor(status, dir.resolve("clear_refs"));
    assertThat(monitor.rssBytes()).isEqualTo(1024 * 1024);
    assertThat(monitor.peakRssBytes()).isEqualTo(2048 * 1024);
  }

  @Test
  void missingProcGivesZeroAndARefusedResetSaysSo(@TempDir Path dir) {
    ResourceMonitor monitor =
        new ResourceMonitor(dir.resolve("absent"), dir.resolve("no/such/dir/clear_refs"));
    assertThat(monitor.rssBytes()).isZero();
    assertThat(monitor.resetPeak()).isFalse();
  }

  @Test
  void theRealProcessReportsAPeakAtLeastItsCurrentRss() {
    ResourceMonitor monitor = new ResourceMonitor();
    long rss = monitor.rssBytes();
    assertThat(rss).isPositive();
    // the high-water mark read afterwards can only be higher
    assertThat(monitor.peakRssBytes()).isGreaterThanOrEqualTo(rss);
  }
}
