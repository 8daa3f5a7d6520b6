package com.diffusionlab.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * Refreshes a view every few seconds while it is shown, so that figures that change on their own
 * (jobs running, nodes coming and going) are not left stale; polling stops when the view is left.
 */
public final class PollingRefresh {

  private PollingRefresh() {}

  /** Calls {@code refresh} every {@code millis} while {@code view} is attached. */
  public static void every(int millis, Component view, Runnable refresh) {
    Registration[] polling = new Registration[1];
    view.addAttachListener(
        attach -> {
          UI ui = attach.getUI();
          ui.setPollInterval(millis);
          polling[0] = ui.addPollListener(poll -> refresh.run());
        });
    view.addDetachListener(
        detach -> {
          if (polling[0] != null) {
            polling[0].remove();
            polling[0] = null;
          }
          detach.getUI().setPollInterval(-1);
        });
  }
}
