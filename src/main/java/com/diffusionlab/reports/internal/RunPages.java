package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.tracking.RunService;
import java.util.Collection;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A selection's runs as a lazy stream, fetched page by page by id as the stream is consumed: an
 * export of 100,000 runs holds one page at a time.
 */
public final class RunPages {
  private static final int PAGE = 500;

  private RunPages() {}

  public static Stream<Run> stream(
      RunService runs, RunSelection selection, Collection<Long> sessionIds) {
    return pages(runs, selection, sessionIds).flatMap(List::stream);
  }

  /** The same, a page at a time, for work that looks things up for many runs at once. */
  public static Stream<List<Run>> pages(
      RunService runs, RunSelection selection, Collection<Long> sessionIds) {
    return StreamSupport.stream(new Pages(runs, selection, sessionIds), false);
  }

  private static final class Pages extends Spliterators.AbstractSpliterator<List<Run>> {
    private final RunService runs;
    private final RunSelection selection;
    private final Collection<Long> sessionIds;
    private long lastId;
    private boolean exhausted;

    Pages(RunService runs, RunSelection selection, Collection<Long> sessionIds) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.runs = runs;
      this.selection = selection;
      this.sessionIds = sessionIds;
    }

    @Override
    public boolean tryAdvance(Consumer<? super List<Run>> action) {
      if (exhausted) {
        return false;
      }
      List<Run> next = runs.selectAfter(selection, sessionIds, lastId, PAGE);
      exhausted = next.size() < PAGE;
      if (next.isEmpty()) {
        return false;
      }
      lastId = next.getLast().id();
      action.accept(next);
      return true;
    }
  }
}
