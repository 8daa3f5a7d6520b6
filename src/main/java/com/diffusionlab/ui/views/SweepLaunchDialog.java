package com.diffusionlab.ui.views;

import com.diffusionlab.scheduling.Sweep;
import com.diffusionlab.scheduling.SweepPlan;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.ui.Formats;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Launches a sweep from a pasted or uploaded YAML definition: "Check" shows the whole estimate and
 * whether it fits the session's budget; "Launch" queues it and opens its grid.
 */
class SweepLaunchDialog extends Dialog {

  static final String TEMPLATE =
      """
      # A sweep: every combination of the axes' values is one tracked run.
      name: my sweep
      experiment: my sweep          # the experiment the runs join (created when new)
      base:                         # settings every cell shares
        model: tiny-shapes
        prompt: two red circles at the top
        steps: 20
        seed: 7
      x: {field: cfg, values: "1-4 (+1)"}       # AUTOMATIC1111 range syntax
      y: {field: sampler, values: [euler, dpmpp_2m]}
      """;

  private final SweepService sweeps;
  private final TextArea yaml = new TextArea("Sweep definition (YAML)");
  private final Div verdict = new Div();
  private final Button launch = new Button("Launch");

  SweepLaunchDialog(SweepService sweeps, String initial) {
    this.sweeps = sweeps;
    setHeaderTitle("Launch a sweep");
    yaml.setValue(initial);
    yaml.setWidthFull();
    yaml.setHeight("320px");
    yaml.setId("sweep-yaml");
    yaml.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
    yaml.addValueChangeListener(change -> launch.setEnabled(false));
    MemoryBuffer buffer = new MemoryBuffer();
    Upload upload = new Upload(buffer);
    upload.setAcceptedFileTypes(".yaml", ".yml", "text/yaml", "application/yaml");
    upload.setMaxFileSize(1 << 20);
    upload.setDropLabel(new Span("or drop a .yaml file"));
    upload.setId("sweep-upload");
    upload.addSucceededListener(
        done -> {
          try (InputStream in = buffer.getInputStream()) {
            yaml.setValue(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            check();
          } catch (IOException e) {
            show(e.getMessage(), true);
          }
        });
    verdict.setId("sweep-verdict");
    verdict.getStyle().set("white-space", "pre-wrap");
    VerticalLayout content = new VerticalLayout(yaml, upload, verdict);
    content.setPadding(false);
    content.setWidth("640px");
    add(content);
    Button check = new Button("Check", click -> check());
    check.setId("check-sweep");
    launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    launch.setId("launch-sweep");
    launch.setEnabled(false);
    launch.addClickListener(click -> launch());
    getFooter().add(new Button("Cancel", click -> close()), check, launch);
  }

  private void check() {
    try {
      SweepPlan plan = sweeps.plan(yaml.getValue());
      String figures =
          String.format(
              Locale.ROOT,
              "%d cells · about %s · %.1f device-seconds (%.1f left in the session) · cost %s ·"
                  + " peak memory %s",
              plan.estimate().cells(),
              Formats.seconds(plan.estimate().seconds()),
              plan.estimate().deviceSeconds(),
              plan.remainingDeviceSeconds(),
              Formats.money(plan.estimate().cost()),
              Formats.bytes(plan.estimate().peakMemoryBytes()));
      if (plan.fits()) {
        show(figures, false);
        launch.setEnabled(true);
      } else {
        show(figures + "\nDoes not fit: " + plan.problem(), true);
      }
    } catch (RuntimeException e) {
      show(e.getMessage(), true);
    }
  }

  private void launch() {
    try {
      Sweep sweep = sweeps.launch(yaml.getValue());
      close();
      UI.getCurrent().navigate("sweeps/" + sweep.id());
    } catch (RuntimeException e) {
      show(e.getMessage(), true);
      launch.setEnabled(false);
    }
  }

  private void show(String text, boolean error) {
    verdict.setText(text);
    verdict.getStyle().set("color", error ? "var(--lumo-error-text-color)" : "inherit");
  }
}
