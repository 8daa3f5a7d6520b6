package com.diffusionlab.reports;

/** Follows an export: runs written so far of the selection's total. */
@FunctionalInterface
public interface ExportProgress {
  ExportProgress NONE = (done, total) -> {};

  void advanced(long done, long total);
}
