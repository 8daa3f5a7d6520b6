package com.diffusionlab.compare;

import com.diffusionlab.compare.internal.WordDiff;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunAccess;
import com.diffusionlab.tracking.RunAction;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Puts 2 to 8 runs side by side: every setting with the differing ones marked, prompts diffed word
 * by word, timings and resources, and the images paired by seed. UI and REST use the same.
 */
@Service
public class CompareService {

  public static final int MIN_RUNS = 2;
  public static final int MAX_RUNS = 8;

  private final RunService runs;
  private final RunAccess access;

  CompareService(RunService runs, RunAccess access) {
    this.runs = runs;
    this.access = access;
  }

  /**
   * @throws InvalidRequestException for fewer than 2 or more than 8 ids, repeated ids, or ids of
   *     runs that do not exist or the user may not see (the same answer for both)
   */
  @PreAuthorize(Permissions.LOOK)
  public Comparison compare(List<Long> runIds) {
    if (runIds.size() < MIN_RUNS
        || runIds.size() > MAX_RUNS
        || Set.copyOf(runIds).size() != runIds.size()) {
      throw new InvalidRequestException(
          "runs", runIds, MIN_RUNS + " to " + MAX_RUNS + " different run ids");
    }
    List<Run> found = runIds.stream().map(this::visible).toList();
    return new Comparison(
        found,
        RunTable.settings(found),
        found.stream()
            .map(
                run -> WordDiff.diff(found.getFirst().settings().prompt(), run.settings().prompt()))
            .toList(),
        RunTable.figures(found),
        found.stream().map(run -> run.timings().steps()).toList(),
        imageRows(found));
  }

  /** Parses {@code 12,15,40} as a link carries it. */
  public static List<Long> parseIds(String text) {
    try {
      return Arrays.stream(text.split(","))
          .map(String::strip)
          .filter(part -> !part.isEmpty())
          .map(Long::valueOf)
          .toList();
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("runs", text, "run ids separated by commas, e.g. 12,15,40");
    }
  }

  private Run visible(long id) {
    return runs.find(id)
        .filter(run -> access.allows(run, RunAction.READ))
        .orElseThrow(() -> new InvalidRequestException("runs", id, "ids of runs you can see"));
  }

  private static List<ImageRow> imageRows(List<Run> found) {
    Map<Long, RunOutput[]> bySeed = new TreeMap<>();
    for (int i = 0; i < found.size(); i++) {
      for (RunOutput output : found.get(i).outputs()) {
        bySeed.computeIfAbsent(output.seed(), seed -> new RunOutput[found.size()])[i] = output;
      }
    }
    return bySeed.entrySet().stream()
        .map(entry -> new ImageRow(entry.getKey(), Arrays.asList(entry.getValue())))
        .collect(Collectors.toList());
  }
}
