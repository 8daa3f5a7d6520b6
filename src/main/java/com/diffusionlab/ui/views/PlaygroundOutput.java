package com.diffusionlab.ui.views;

import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.RunFacts;
import com.diffusionlab.ui.components.PreviewImages;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;

/**
 * The playground's output, which shows only the current run: from the moment it is submitted its
 * progress and step previews, then its images as a gallery sized to fit the panel, or how it ended
 * and what it did. Each run's part is built afresh, so nothing of an earlier run stays, not even
 * hidden in the page.
 */
class PlaygroundOutput extends Div {

  private final Span status = new Span();
  private final Div current = new Div();
  private ProgressBar progress;
  private Image preview;
  private boolean started;

  PlaygroundOutput(boolean canGenerate) {
    addClassName("dlab-output");
    setId("output");
    // one element for the whole life of the view, so that what watches it keeps watching
    status.setId("progress-text");
    status.addClassName("dlab-output-status");
    current.addClassName("dlab-output-current");
    String emptyText =
        canGenerate
            ? "Your images appear here. Write a prompt and press Generate (Ctrl+Enter): progress"
                + " and step previews show while it runs, then the images."
            : "Images generated here appear in this panel. As a viewer you can look at every run"
                + " you may see in Runs and Experiments.";
    add(new H2("Output"), status, current);
    Div empty = new Div(emptyText);
    empty.setId("output-empty");
    empty.addClassName("dlab-empty");
    current.add(empty);
  }

  /** A run was submitted: whatever was shown goes, and the new run shows as queued. */
  void submitted(Run run) {
    current.removeAll();
    started = false;
    status.removeClassName("dlab-output-stopped");
    status.setText("run " + run.id() + " queued (estimate " + RunFacts.estimate(run) + ")");
    progress = new ProgressBar(0, 1);
    progress.setId("progress");
    progress.setIndeterminate(true);
    preview = new Image();
    preview.setId("preview");
    preview.addClassName("dlab-output-preview");
    preview.setAlt("step preview of run " + run.id());
    preview.setVisible(false);
    aspect(preview, run);
    current.add(progress, preview);
  }

  /**
   * The run's place in the queue while it waits ("run 12 · 3rd in the queue · starts in about 40
   * s"), then its stage or step with the time left and the step previews.
   */
  void progress(RunProgress event) {
    if (progress == null) {
      return;
    }
    if (event.status() == RunStatus.QUEUED) {
      // a queued run's place, read a moment before its worker's first event, comes too late
      if (!started && event.queue() != null) {
        status.setText("run " + event.runId() + " · " + event.queue().describe());
      }
      return;
    }
    started = true;
    if (event.step() > 0) {
      progress.setIndeterminate(false);
      progress.setValue(event.step() / (double) event.totalSteps());
      status.setText(event.describe() + " · run " + event.runId());
    } else {
      status.setText("run " + event.runId() + " · " + event.describe());
    }
    if (event.preview() != null) {
      preview.setSrc(PreviewImages.dataUrl(event.preview()));
      preview.setVisible(true);
    }
  }

  /** The run ended: its images, or what it did before it stopped and why. */
  void finished(Run run) {
    current.removeAll();
    progress = null;
    preview = null;
    status.setText(RunFacts.outcome(run));
    boolean succeeded = run.status() == RunStatus.SUCCEEDED;
    status.setClassName("dlab-output-stopped", !succeeded);
    if (!succeeded && run.error() != null) {
      Span reason = new Span(run.error());
      reason.setId("run-reason");
      reason.addClassName("dlab-output-reason");
      current.add(reason);
    }
    if (succeeded) {
      current.add(gallery(run));
    }
    Anchor link = new Anchor("runs/" + run.id(), "open run " + run.id());
    link.setId("result-link");
    current.add(link);
  }

  /**
   * The run's images in a grid of about as many columns as rows, each image as large as the panel
   * leaves room for (the stylesheet sizes them from these counts and the aspect ratio).
   */
  private static Div gallery(Run run) {
    int count = run.outputs().size();
    int columns = (int) Math.ceil(Math.sqrt(count));
    int rows = (int) Math.ceil(count / (double) columns);
    Div gallery = new Div();
    gallery.setId("results");
    gallery.addClassName("dlab-output-gallery");
    gallery
        .getStyle()
        .set("--dlab-columns", Integer.toString(columns))
        .set("--dlab-rows", Integer.toString(rows));
    aspect(gallery, run);
    for (RunOutput output : run.outputs()) {
      Image image = new Image(Formats.artifactUrl(output.sha256()), "seed " + output.seed());
      image.addClassName("dlab-output-image");
      image.setTitle("seed " + output.seed() + " · open run " + run.id());
      gallery.add(new Anchor("runs/" + run.id(), image));
    }
    return gallery;
  }

  /** The run's width to height, for the stylesheet to size its images and previews by. */
  private static void aspect(HasStyle component, Run run) {
    component
        .getStyle()
        .set("--dlab-aspect", run.settings().width() + " / " + run.settings().height());
  }
}
