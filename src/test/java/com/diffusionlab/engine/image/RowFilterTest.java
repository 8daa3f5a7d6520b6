package com.diffusionlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowFilterTest {
  private static final int BYTES_PER_PIXEL = 3;

  /** The heuristic as specified: every type tried, smallest sum of |signed byte|, lowest type. */
  private static byte[] tryEveryType(byte[] row, byte[] previous) {
    byte[] best = null;
    long bestSum = Long.MAX_VALUE;
    for (int type = RowFilter.NONE; type <= RowFilter.PAETH; type++) {
      byte[] candidate = new byte[row.length + 1];
      RowFilter.apply(type, row, 0, previous, BYTES_PER_PIXEL, candidate);
      long sum = 0;
      for (int i = 1; i < candidate.length; i++) {
        sum += Math.abs(candidate[i]);
      }
      if (sum < bestSum) {
        best = candidate;
        bestSum = sum;
      }
    }
    return best;
  }

  private static byte[] filter(byte[] row, byte[] previous) {
    byte[][] candidates = new byte[5][row.length + 1];
    // Stale scratch content must not leak into the result.
    new SplittableRandom(3).nextBytes(candidates[RowFilter.NONE]);
    new SplittableRandom(4).nextBytes(candidates[RowFilter.UP]);
    return RowFilter.filter(row, 0, previous, BYTES_PER_PIXEL, candidates);
  }

  @Test
  void choosesWhatTryingEveryTypeChoosesAlsoForRepeatedRows() {
    byte[] random = new byte[30];
    new SplittableRandom(1).nextBytes(random);
    byte[] grey = new byte[30];
    Arrays.fill(grey, (byte) 0x80);
    byte[] blackThenWhite = new byte[30];
    Arrays.fill(blackThenWhite, 3, 30, (byte) 0xFF);
    byte[] zeros = new byte[30];

    for (byte[] row : List.of(random, grey, blackThenWhite, zeros)) {
      assertThat(filter(row, row.clone())).as("repeated").isEqualTo(tryEveryType(row, row));
      assertThat(filter(row, zeros)).as("after zeros").isEqualTo(tryEveryType(row, zeros));
      assertThat(filter(row, random)).as("after noise").isEqualTo(tryEveryType(row, random));
    }
    assertThat(filter(grey, grey.clone())[0]).isEqualTo((byte) RowFilter.UP);
    assertThat(filter(zeros, zeros.clone())[0]).isEqualTo((byte) RowFilter.NONE);
  }
}
