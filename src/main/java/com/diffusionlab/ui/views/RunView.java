package com.diffusionlab.ui.views;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.scheduling.Devices;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.RunStanding;
import com.diffusionlab.scheduling.RunStandings;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunAccess;
import com.diffusionlab.tracking.RunAction;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTimings;
import com.diffusionlab.tracking.RunTransition;
import com.diffusionlab.tracking.SettingField;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.RunFacts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything recorded about one run: parameters, timings, resources, large images, tags and notes,
 * its parent and its replays, each replay with whether it reproduced the original exactly.
 */
@Route("runs/:id")
@PageTitle("Run · Diffusion Lab")
@PermitAll
public class RunView extends VerticalLayout implements BeforeEnterObserver {

  private final RunService runs;
  private final GenerationService generations;
  private final Devices devices;
  private final RunStandings standings;
  private final RunAccess access;
  private final LabUser user;
  private AutoCloseable following;

  public RunView(
      RunService runs,
      GenerationService generations,
      Devices devices,
      RunStandings standings,
      RunAccess access,
      IdentityService identity) {
    this.access = access;
    this.runs = runs;
    this.generations = generations;
    this.devices = devices;
    this.standings = standings;
    this.user = identity.current();
    setId("run-view");
    addDetachListener(event -> stopFollowing());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String text = event.getRouteParameters().get("id").orElse("");
    long id;
    try {
      id = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ObjectNotFound("Run", text);
    }
    try {
      show(runs.require(id, RunAction.READ));
    } catch (NotFoundException e) {
      throw new ObjectNotFound("Run", text);
    }
  }

  private void show(Run run) {
    stopFollowing();
    removeAll();
    Span status = new Span(run.status().name().toLowerCase(Locale.ROOT));
    status.setId("run-status");
    status.addClassNames("dlab-status", "dlab-status-" + status.getText());
    HorizontalLayout header = new HorizontalLayout(new H2("Run " + run.id()), status);
    header.setAlignItems(Alignment.BASELINE);
    add(header);
    if (run.reproducedExactly() != null) {
      Span badge =
          new Span(run.reproducedExactly() ? "reproduced exactly" : "differs from its original");
      badge.addClassName(run.reproducedExactly() ? "dlab-badge-ok" : "dlab-badge-warn");
      badge.setId("reproduction-badge");
      add(new HorizontalLayout(badge, new Span(run.reproductionNote())));
    }
    if (run.status() != RunStatus.SUCCEEDED) {
      Span outcome = new Span(RunFacts.outcome(run));
      outcome.setId("run-outcome");
      add(outcome);
    }
    if (!run.status().finished()) {
      add(live(run));
    }
    if (run.status() == RunStatus.QUEUED) {
      String reason = devices.jobWait(run.id()).reason();
      if (reason != null) {
        Span waiting = new Span(reason);
        waiting.setId("run-waiting");
        waiting.addClassName("dlab-badge-warn");
        add(waiting);
      }
    }
    if (run.error() != null) {
      Span error = new Span(run.error());
      error.setId("run-error");
      error.getStyle().set("color", "var(--lumo-error-text-color)");
      add(error);
    }
    Div images = new Div();
    images
        .getStyle()
        .set("display", "flex")
        .set("flex-wrap", "wrap")
        .set("gap", "var(--lumo-space-m)");
    for (RunOutput output : run.outputs()) {
      Image image = new Image(Formats.artifactUrl(output.sha256()), "seed " + output.seed());
      image.addClassName("dlab-image");
      Anchor download =
          new Anchor(Formats.artifactUrl(output.sha256()), "seed " + output.seed() + " · PNG");
      download
          .getElement()
          .setAttribute("download", "run-" + run.id() + "-" + output.index() + ".png");
      VerticalLayout cell =
          new VerticalLayout(
              image, download, mono("pixels " + output.pixelSha256().substring(0, 16) + "…"));
      cell.setPadding(false);
      cell.setSpacing(false);
      images.add(cell);
    }
    images.setId("run-images");
    add(images);
    add(actions(run));
    add(new H3("Settings"), settings(run.settings()));
    add(new H3("Timings and resources"), resources(run));
    add(new H3("Tags and notes"), tagsAndNotes(run));
    add(new H3("Lineage"), lineage(run));
    add(new H3("History"), history(run));
  }

  /**
   * A waiting run's place in the queue and ETA, a running one's steps and time left, kept fresh
   * while the page is open (on whichever node the run runs); the page shows the run afresh when it
   * ends.
   */
  private Span live(Run run) {
    RunStanding standing = standings.of(run);
    Span live = new Span();
    live.setId("run-live");
    if (standing.queue() != null) {
      live.setText(standing.queue().describe());
    } else if (standing.progress() != null) {
      live.setText(standing.progress().describe());
    }
    UI ui = UI.getCurrent();
    following =
        generations.watch(
            run.id(),
            event ->
                ui.access(
                    () -> {
                      if (event.status().finished()) {
                        runs.find(run.id()).ifPresent(this::show);
                      } else if (event.queue() != null) {
                        live.setText(event.queue().describe());
                      } else if (event.status() == RunStatus.RUNNING) {
                        live.setText(event.describe());
                      }
                    }));
    return live;
  }

  private void stopFollowing() {
    if (following != null) {
      try {
        following.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      following = null;
    }
  }

  /** Only the actions the run's rules ({@link RunAction#RULES}) let this user take are offered. */
  private HorizontalLayout actions(Run run) {
    Button replay = new Button("Replay", e -> replay(run));
    replay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    replay.setId("replay");
    boolean mayReplay = access.allows(run, RunAction.REPLAY);
    replay.setEnabled(mayReplay && run.status().finished());
    if (!mayReplay) {
      replay.setTooltipText(
          user.role().canGenerate()
              ? "only its owner, members of its session or an administrator can replay it"
              : "viewers can look but not generate");
    }
    Button cancel = new Button("Cancel", e -> generations.cancel(run.id()));
    cancel.setId("cancel-run");
    cancel.setVisible(!run.status().finished() && access.allows(run, RunAction.CANCEL));
    Button refresh = new Button("Refresh", e -> runs.find(run.id()).ifPresent(this::show));
    refresh.setId("refresh");
    return new HorizontalLayout(replay, cancel, refresh);
  }

  private void replay(Run run) {
    try {
      UI ui = UI.getCurrent();
      Run replay =
          generations.replay(
              run.id(),
              progress -> {
                if (progress.status().finished()) {
                  ui.access(() -> ui.navigate("runs/" + progress.runId()));
                }
              });
      ui.navigate("runs/" + replay.id());
    } catch (RuntimeException ex) {
      Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  /** Every recorded setting, labelled as the field catalogue labels it. */
  private static FormLayout settings(GenerationSettings settings) {
    FormLayout form = new FormLayout();
    for (SettingField field : GenerationFields.all()) {
      Object value = GenerationFields.value(settings, field);
      if (value != null) {
        String text = GenerationFields.format(value);
        field(form, field.label(), text.isBlank() ? "(none)" : text);
      }
    }
    return form;
  }

  /**
   * Every figure the run has, in words for those it lacks: a cancelled or failed run shows the
   * steps it did and the time it took, a queued one "not started".
   */
  private static FormLayout resources(Run run) {
    FormLayout form = new FormLayout();
    RunTimings t = run.timings();
    field(form, "Steps done", RunFacts.steps(run));
    field(form, "Queue wait", RunFacts.seconds(run, t.queueWait()));
    field(form, "Load", RunFacts.seconds(run, t.load()));
    field(form, "Tokenize", RunFacts.seconds(run, t.tokenize()));
    field(form, "Encode", RunFacts.seconds(run, t.encode()));
    field(form, "Sampling", RunFacts.seconds(run, t.sampling()));
    field(form, "Decode", RunFacts.seconds(run, t.decode()));
    field(form, "Total", RunFacts.seconds(run, t.total()));
    field(form, "Estimate", RunFacts.estimate(run));
    field(form, "Peak memory", RunFacts.figure(run, run.peakRssBytes(), Formats::bytes));
    field(form, "Estimated memory", RunFacts.estimatedMemory(run));
    field(
        form,
        "Device-seconds",
        RunFacts.figure(run, run.deviceSeconds(), v -> String.format(Locale.ROOT, "%.2f", v)));
    field(form, "Cost", RunFacts.figure(run, run.cost(), Formats::money));
    field(form, "Engine", RunFacts.text(run, run.engineVersion()));
    field(form, "Device", RunFacts.text(run, run.device()));
    field(form, "Precision", RunFacts.text(run, run.precision()));
    if (!run.warnings().isEmpty()) {
      field(form, "Warnings", String.join("\n", run.warnings()));
    }
    field(
        form,
        "Per step",
        RunFacts.figure(
            run,
            t.steps().isEmpty() ? null : t.steps(),
            steps ->
                steps.stream()
                    .map(step -> String.format(Locale.ROOT, "%.2f", step))
                    .collect(Collectors.joining(" "))));
    return form;
  }

  private VerticalLayout tagsAndNotes(Run run) {
    TextField tags = new TextField("Tags (comma separated)", String.join(", ", run.tags()), "");
    tags.setId("tags");
    tags.setWidth("400px");
    TextArea notes = new TextArea("Notes", run.notes() == null ? "" : run.notes(), "");
    notes.setWidth("600px");
    Button save =
        new Button(
            "Save",
            e -> {
              try {
                Set<String> values =
                    Arrays.stream(tags.getValue().split(","))
                        .map(String::strip)
                        .filter(tag -> !tag.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                runs.tag(run.id(), values);
                runs.annotate(run.id(), notes.getValue());
                Notification.show("saved");
              } catch (IllegalArgumentException ex) {
                tags.setInvalid(true);
                tags.setErrorMessage(ex.getMessage());
              }
            });
    save.setId("save-tags");
    // tags and notes are their owner's: others read them, as the fields' read-only state shows
    boolean mayChange = access.allows(run, RunAction.TAG) && access.allows(run, RunAction.ANNOTATE);
    tags.setReadOnly(!mayChange);
    notes.setReadOnly(!mayChange);
    notes.setId("notes");
    save.setVisible(mayChange);
    return new VerticalLayout(tags, notes, save);
  }

  private VerticalLayout lineage(Run run) {
    VerticalLayout lineage = new VerticalLayout();
    lineage.setPadding(false);
    if (run.parentId() != null) {
      Anchor compare =
          new Anchor(
              "compare?runs=" + run.parentId() + "," + run.id(), "compare with the original");
      compare.setId("compare-with-original");
      lineage.add(
          new HorizontalLayout(
              new Anchor("runs/" + run.parentId(), "replay of run " + run.parentId()), compare));
    }
    for (Run child : runs.children(run.id())) {
      String verdict =
          child.reproducedExactly() == null
              ? child.status().name().toLowerCase(Locale.ROOT)
              : child.reproducedExactly() ? "reproduced exactly" : "differs";
      lineage.add(
          new Anchor("runs/" + child.id(), "replayed as run " + child.id() + " · " + verdict));
    }
    if (lineage.getComponentCount() == 0) {
      lineage.add(new Span("no replays yet"));
    }
    return lineage;
  }

  /** Every move of the run: when, from which status to which, why, on which node. */
  private VerticalLayout history(Run run) {
    VerticalLayout history = new VerticalLayout();
    history.setId("run-history");
    history.setPadding(false);
    history.setSpacing(false);
    DateTimeFormatter time =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    for (RunTransition move : runs.transitions(run.id())) {
      List<String> where = new ArrayList<>();
      if (move.node() != null) {
        where.add("on " + move.node());
      }
      if (move.attempt() > 0) {
        where.add("attempt " + move.attempt());
      }
      history.add(
          new Span(
              time.format(move.at())
                  + " · "
                  + (move.from() == null ? "" : move.from().name().toLowerCase(Locale.ROOT) + " → ")
                  + move.to().name().toLowerCase(Locale.ROOT)
                  + " · "
                  + move.cause()
                  + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")")));
    }
    return history;
  }

  private static void field(FormLayout form, String label, String value) {
    form.addFormItem(mono(value), label);
  }

  private static Span mono(String text) {
    Span span = new Span(text);
    span.addClassName("dlab-mono");
    span.getStyle().set("white-space", "pre-wrap");
    return span;
  }
}
