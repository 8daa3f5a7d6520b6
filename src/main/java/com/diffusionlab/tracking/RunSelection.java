package com.diffusionlab.tracking;

import java.util.List;

/**
 * Which runs an export, a chart or a comparison is about: those matching a query, an experiment's,
 * or a hand-picked list; always limited to the sessions the reader may see.
 *
 * @param query a run query, blank for all
 * @param experimentId only this experiment's runs, or null
 * @param runIds only these runs, or null
 */
public record RunSelection(String query, Long experimentId, List<Long> runIds) {

  public static RunSelection matching(String query) {
    return new RunSelection(query, null, null);
  }

  public static RunSelection experiment(long id) {
    return new RunSelection(null, id, null);
  }

  public static RunSelection runs(List<Long> ids) {
    return new RunSelection(null, null, List.copyOf(ids));
  }

  /** The selection in words, for reports and file metadata. */
  public String describe() {
    if (runIds != null) {
      return "runs " + String.join(",", runIds.stream().map(String::valueOf).toList());
    }
    if (experimentId != null) {
      return "experiment " + experimentId;
    }
    return query == null || query.isBlank() ? "all runs" : "query: " + query;
  }
}
