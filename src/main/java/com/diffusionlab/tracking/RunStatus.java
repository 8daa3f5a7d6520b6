package com.diffusionlab.tracking;

/** Where a run is in its life: queued, running, then succeeded, failed or cancelled. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
