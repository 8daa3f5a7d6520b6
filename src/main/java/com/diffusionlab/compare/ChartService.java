package com.diffusionlab.compare;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunPages;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.tracking.RunService;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The runs a chart plots: those of a query, an experiment or a selection, by id, up to a limit that
 * keeps the browser responsive; the total says how many matched.
 */
@Service
public class ChartService {

  /** The most runs one chart draws. */
  public static final int MAX_POINTS = 5_000;

  private final RunService runs;
  private final SessionService sessions;
  private final IdentityService identity;

  ChartService(RunService runs, SessionService sessions, IdentityService identity) {
    this.runs = runs;
    this.sessions = sessions;
    this.identity = identity;
  }

  /** The runs to plot and how many matched in all. */
  public record ChartRuns(List<Run> runs, long total) {
    public boolean truncated() {
      return total > runs.size();
    }
  }

  /**
   * @throws com.diffusionlab.tracking.QuerySyntaxException for a bad query
   */
  @PreAuthorize(Permissions.LOOK)
  public ChartRuns runs(RunSelection selection) {
    List<Long> visible =
        sessions.visibleTo(identity.current()).stream().map(PlaygroundSession::id).toList();
    long total = runs.count(selection, visible);
    List<Run> found;
    try (Stream<Run> stream = RunPages.stream(runs, selection, visible)) {
      found = stream.limit(MAX_POINTS).toList();
    }
    return new ChartRuns(found, total);
  }
}
