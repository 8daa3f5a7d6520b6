package com.diffusionlab.scheduling;

/**
 * Where a run stands now, beside what it records: its place in the queue while it waits, its
 * progress while it runs; both null once it has ended.
 */
public record RunStanding(QueuePlace queue, RunSteps progress) {
  public static final RunStanding NONE = new RunStanding(null, null);
}
