package com.diffusionlab.reports.internal;

/** Follows a report being written, e.g. to move a progress bar. */
@FunctionalInterface
public interface ReportProgress {

  /** Follows nothing. */
  ReportProgress NONE = (written, total) -> {};

  /**
   * Called once before the first run's row (with {@code written} 0) and after each run's row.
   *
   * @param total the runs counted when the report started; never less than {@code written}
   */
  void runsWritten(long written, long total);
}
