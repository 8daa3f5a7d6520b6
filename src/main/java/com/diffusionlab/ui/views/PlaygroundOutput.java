package com.diffusionlab.ui.views;

import com.diffusionlab.scheduling.RunProgress;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.RunFacts;
import com.diffusionlab.ui.components.PreviewImages;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.util.Locale;

/**
 * The playground's output, which shows only the current run: from the moment it is submitted its
 * progress and step previews, then its images as a gallery, or how it ended and what it did.
 * Nothing of an earlier run stays on screen.
 */
class PlaygroundOutput extends Div {

  private final Span status = new Span();
  private final Span reason = new Span();
  private final ProgressBar progress = new ProgressBar(0, 1);
  private final Image preview = new Image();
  private final Div gallery = new Div();
  private final Anchor link = new Anchor();
  private final Div empty = new Div();

  PlaygroundOutput(boolean canGenerate) {
    addClassName("dlab-output");
    setId("output");
    status.setId("progress-text");
    status.addClassName("dlab-output-status");
    reason.setId("run-reason");
    reason.addClassName("dlab-output-reason");
    progress.setId("progress");
    preview.setId("preview");
    preview.addClassName("dlab-output-preview");
    preview.setAlt("step preview");
    gallery.setId("results");
    gallery.addClassName("dlab-output-gallery");
    link.setId("result-link");
    empty.setId("output-empty");
    empty.addClassName("dlab-empty");
    empty.setText(
        canGenerate
            ? "Your images appear here. Write a prompt and press Generate (Ctrl+Enter): progress"
                + " and step previews show while it runs."
            : "Images generated here appear in this panel. As a viewer you can look at every run"
                + " you may see in Runs and Experiments.");
    add(new H2("Output"), empty, status, progress, reason, preview, gallery, link);
    clear();
    empty.setVisible(true);
  }

  /** A run was submitted: whatever was shown goes, and the new run shows as queued. */
  void submitted(Run run) {
    clear();
    status.setText(
        "run "
            + run.id()
            + " queued (estimate "
            + RunFacts.seconds(run, run.estimateSeconds())
            + ")");
    progress.setIndeterminate(true);
    progress.setVisible(true);
  }

  void progress(RunProgress event) {
    if (event.step() > 0) {
      progress.setIndeterminate(false);
      progress.setValue(event.step() / (double) event.totalSteps());
      status.setText(
          String.format(
              Locale.ROOT,
              "step %d/%d · %.2f s · run %d",
              event.step(),
              event.totalSteps(),
              event.stepSeconds(),
              event.runId()));
    } else {
      status.setText(
          "run " + event.runId() + " · " + event.stage().toLowerCase(Locale.ROOT) + " …");
    }
    if (event.preview() != null) {
      preview.setSrc(PreviewImages.dataUrl(event.preview()));
      preview.setVisible(true);
    }
  }

  /** The run ended: its images, or what it did before it stopped and why. */
  void finished(Run run) {
    clear();
    status.setText(RunFacts.outcome(run));
    link.setHref("runs/" + run.id());
    link.setText("open run " + run.id());
    link.setVisible(true);
    if (run.status() != RunStatus.SUCCEEDED) {
      status.addClassName("dlab-output-stopped");
      reason.setText(run.error() == null ? "" : run.error());
      reason.setVisible(run.error() != null);
      return;
    }
    gallery.setClassName("dlab-output-single", run.outputs().size() == 1);
    for (RunOutput output : run.outputs()) {
      Image image = new Image(Formats.artifactUrl(output.sha256()), "seed " + output.seed());
      image.addClassName("dlab-output-image");
      image.setTitle("seed " + output.seed());
      image
          .getStyle()
          .set("aspect-ratio", run.settings().width() + " / " + run.settings().height());
      gallery.add(new Anchor("runs/" + run.id(), image));
    }
    gallery.setVisible(true);
  }

  private void clear() {
    empty.setVisible(false);
    status.setText("");
    status.removeClassName("dlab-output-stopped");
    reason.setText("");
    reason.setVisible(false);
    progress.setVisible(false);
    preview.setVisible(false);
    preview.setSrc("");
    gallery.removeAll();
    gallery.setVisible(false);
    link.setVisible(false);
  }
}
