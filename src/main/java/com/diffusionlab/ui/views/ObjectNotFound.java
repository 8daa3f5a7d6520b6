package com.diffusionlab.ui.views;

import com.vaadin.flow.router.NotFoundException;

/**
 * A run, experiment or sweep that does not exist or that the user may not see: the not-found page
 * names it, and says the same for both, so that ids cannot be probed.
 */
class ObjectNotFound extends NotFoundException {

  private static final int LONGEST_ID = 40;

  ObjectNotFound(String kind, String id) {
    super(
        kind
            + " "
            + (id.length() > LONGEST_ID ? id.substring(0, LONGEST_ID) + "…" : id)
            + " does not exist, or you may not see it.");
  }
}
