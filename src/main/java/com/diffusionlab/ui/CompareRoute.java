package com.diffusionlab.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import java.util.Collection;

/** The compare view for some runs: {@code compare?runs=12,15,40}, a link that can be shared. */
public final class CompareRoute {
  private CompareRoute() {}

  /** Opens the compare view of the runs in the current UI. */
  public static void open(Collection<Long> runIds) {
    UI.getCurrent()
        .navigate(
            "compare",
            QueryParameters.of(
                "runs", String.join(",", runIds.stream().map(String::valueOf).toList())));
  }
}
