package com.diffusionlab.tracking;

import java.util.Collection;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A selection's runs as a lazy stream, fetched window by window of ids as the stream is consumed:
 * an export of 100,000 runs holds one window at a time, each read in its own short transaction.
 * Runs created after the walk began are not included.
 */
public final class RunPages {

  /** Ids per window: a window holds at most this many runs. */
  private static final int WINDOW = 2_000;

  private RunPages() {}

  public static Stream<Run> stream(
      RunService runs, RunSelection selection, Collection<Long> sessionIds) {
    return pages(runs, selection, sessionIds).flatMap(List::stream);
  }

  /** The same, a window at a time (never empty), for work that looks things up for many runs. */
  public static Stream<List<Run>> pages(
      RunService runs, RunSelection selection, Collection<Long> sessionIds) {
    return StreamSupport.stream(new Windows(runs, selection, sessionIds), false);
  }

  private static final class Windows extends Spliterators.AbstractSpliterator<List<Run>> {
    private final RunService runs;
    private final RunSelection selection;
    private final Collection<Long> sessionIds;
    private final long last;
    private long after;

    Windows(RunService runs, RunSelection selection, Collection<Long> sessionIds) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.runs = runs;
      this.selection = selection;
      this.sessionIds = sessionIds;
      long[] range = runs.idRange(selection, sessionIds);
      this.after = range == null ? 0 : range[0] - 1;
      this.last = range == null ? 0 : range[1];
    }

    @Override
    public boolean tryAdvance(Consumer<? super List<Run>> action) {
      while (after < last) {
        long upTo = Math.min(last, after + WINDOW);
        List<Run> window = runs.selectBetween(selection, sessionIds, after, upTo);
        after = upTo;
        if (!window.isEmpty()) {
          action.accept(window);
          return true;
        }
      }
      return false;
    }
  }
}
