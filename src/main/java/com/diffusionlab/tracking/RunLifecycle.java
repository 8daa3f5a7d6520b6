package com.diffusionlab.tracking;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one table of the moves a run may make. A run is queued, then running, then succeeded, failed
 * or cancelled; a running run whose worker died goes back to the queue (a retry); a queued run may
 * be cancelled, or failed when it cannot start. A finished run never changes status again.
 */
public final class RunLifecycle {

  private static final Map<RunStatus, Set<RunStatus>> ALLOWED = new EnumMap<>(RunStatus.class);

  static {
    ALLOWED.put(
        RunStatus.QUEUED, EnumSet.of(RunStatus.RUNNING, RunStatus.CANCELLED, RunStatus.FAILED));
    ALLOWED.put(
        RunStatus.RUNNING,
        EnumSet.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.QUEUED));
    ALLOWED.put(RunStatus.SUCCEEDED, EnumSet.noneOf(RunStatus.class));
    ALLOWED.put(RunStatus.FAILED, EnumSet.noneOf(RunStatus.class));
    ALLOWED.put(RunStatus.CANCELLED, EnumSet.noneOf(RunStatus.class));
  }

  private RunLifecycle() {}

  public static boolean allowed(RunStatus from, RunStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The statuses a run in {@code from} may move to. */
  public static Set<RunStatus> next(RunStatus from) {
    return Set.copyOf(ALLOWED.get(from));
  }

  /**
   * @throws IllegalRunTransitionException naming the run, both statuses and what is allowed
   */
  public static void require(long runId, RunStatus from, RunStatus to) {
    if (!allowed(from, to)) {
      throw new IllegalRunTransitionException(runId, from, to, describe(from));
    }
  }

  private static String describe(RunStatus from) {
    Set<RunStatus> next = ALLOWED.get(from);
    return next.isEmpty()
        ? "none: " + from + " is final"
        : next.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
  }
}
