package com.diffusionlab.tracking;

/** A status change that {@link RunLifecycle} does not allow. */
public class IllegalRunTransitionException extends IllegalStateException {

  private final RunStatus from;
  private final RunStatus to;

  IllegalRunTransitionException(long runId, RunStatus from, RunStatus to, String allowed) {
    super(
        "run "
            + runId
            + " cannot go from "
            + from
            + " to "
            + to
            + "; allowed from "
            + from
            + ": "
            + allowed);
    this.from = from;
    this.to = to;
  }

  public RunStatus from() {
    return from;
  }

  public RunStatus to() {
    return to;
  }
}
