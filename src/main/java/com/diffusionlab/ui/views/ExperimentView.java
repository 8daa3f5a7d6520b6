package com.diffusionlab.ui.views;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.compare.ChartService;
import com.diffusionlab.compare.CompareService;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.reports.ExportService;
import com.diffusionlab.reports.Markdown;
import com.diffusionlab.scheduling.Sweep;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.ExperimentAction;
import com.diffusionlab.tracking.ExperimentChanges;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.ExperimentSummary;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunPages;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.ui.BackgroundTasks;
import com.diffusionlab.ui.CompareRoute;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.components.ExportBar;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One experiment: its description, figures, sweeps, runs as thumbnails (select some to compare),
 * and its exports.
 */
@Route("experiments/:id")
@PageTitle("Experiment · Diffusion Lab")
@PermitAll
public class ExperimentView extends VerticalLayout implements BeforeEnterObserver {

  /** The most runs drawn as thumbnails; the Runs view pages through the rest. */
  private static final int SHOWN = 120;

  private final ExperimentService experiments;
  private final RunService runs;
  private final SweepService sweeps;
  private final SessionService sessions;
  private final ExportService exports;
  private final BackgroundTasks tasks;
  private final ChartService charts;
  private final LabUser user;
  private final Set<Long> selected = new LinkedHashSet<>();
  private final Button compare = new Button("Compare selected");

  public ExperimentView(
      ExperimentService experiments,
      RunService runs,
      SweepService sweeps,
      SessionService sessions,
      ExportService exports,
      ChartService charts,
      BackgroundTasks tasks,
      IdentityService identity) {
    this.experiments = experiments;
    this.charts = charts;
    this.runs = runs;
    this.sweeps = sweeps;
    this.sessions = sessions;
    this.exports = exports;
    this.tasks = tasks;
    this.user = identity.current();
    setWidthFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String text = event.getRouteParameters().get("id").orElse("");
    try {
      show(experiments.summary(Long.parseLong(text)));
    } catch (NumberFormatException | NotFoundException e) {
      throw new ObjectNotFound("Experiment", text);
    }
  }

  private void show(ExperimentSummary summary) {
    removeAll();
    selected.clear();
    Experiment experiment = summary.experiment();
    H2 title = new H2(experiment.name());
    title.setId("experiment-title");
    HorizontalLayout header = new HorizontalLayout(title, ExperimentsView.statusMix(summary));
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    Span facts =
        new Span(
            String.format(
                Locale.ROOT,
                "by %s · %d runs · %.1f device-seconds · cost %s%s",
                experiment.ownerName(),
                summary.runs(),
                summary.deviceSeconds(),
                Formats.money(summary.cost()),
                experiment.tags().isEmpty()
                    ? ""
                    : " · tags: " + String.join(", ", experiment.tags())));
    facts.addClassName("dlab-secondary");
    add(header, facts);
    Html description =
        new Html(
            "<div class=\"dlab-markdown\">"
                + Markdown.toSafeHtml(experiment.description())
                + "</div>");
    description.setId("experiment-description");
    add(description);
    add(actions(experiment));
    Grid<Sweep> sweepGrid = sweepList(experiment);
    Span noSweeps =
        new Span("No sweeps yet: Launch sweep runs a grid of settings as runs of this experiment.");
    noSweeps.addClassName("dlab-secondary");
    noSweeps.setVisible(!sweepGrid.isVisible());
    add(new H3("Sweeps"), sweepGrid, noSweeps);
    add(new H3("Runs"), gallery(experiment, summary));
    if (summary.runs() > 0) {
      ChartsPanel panel = new ChartsPanel(charts, () -> RunSelection.experiment(experiment.id()));
      add(new H3("Charts"), panel);
      panel.refresh();
    }
  }

  private HorizontalLayout actions(Experiment experiment) {
    HorizontalLayout actions = new HorizontalLayout();
    actions.setAlignItems(FlexComponent.Alignment.CENTER);
    actions.getStyle().set("flex-wrap", "wrap");
    if (user.role().canGenerate()) {
      Button sweep =
          new Button(
              "Launch sweep",
              click ->
                  new SweepLaunchDialog(
                          sweeps,
                          SweepLaunchDialog.TEMPLATE.replace(
                              "experiment: my sweep ",
                              "experiment: " + yamlText(experiment.name())))
                      .open());
      sweep.setId("launch-sweep-dialog");
      actions.add(sweep);
    }
    if (experiments.allows(experiment, ExperimentAction.CHANGE)) {
      Button edit = new Button("Edit", click -> editDialog(experiment).open());
      edit.setId("edit-experiment");
      actions.add(edit);
    }
    compare.setId("compare-selected");
    compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    compare.setEnabled(false);
    compare.addClickListener(click -> CompareRoute.open(selected));
    actions.add(
        compare, new ExportBar(exports, tasks, () -> RunSelection.experiment(experiment.id())));
    return actions;
  }

  /** A value as YAML writes it on one line: quoted, with quotes and backslashes escaped. */
  private static String yamlText(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private Grid<Sweep> sweepList(Experiment experiment) {
    Grid<Sweep> grid = new Grid<>();
    grid.setId("experiment-sweeps");
    grid.addColumn(new ComponentRenderer<>(s -> new Anchor("sweeps/" + s.id(), s.name())))
        .setHeader("Sweep")
        .setFlexGrow(2);
    grid.addColumn(s -> s.status().toLowerCase(Locale.ROOT)).setHeader("Status").setAutoWidth(true);
    grid.addColumn(s -> s.estimate().cells()).setHeader("Cells").setAutoWidth(true);
    grid.addColumn(
            s ->
                String.join(
                    " × ",
                    s.axes().stream()
                        .map(a -> a.field() + " (" + a.labels().size() + ")")
                        .toList()))
        .setHeader("Axes")
        .setFlexGrow(2);
    grid.addColumn(s -> Formats.seconds(s.estimate().seconds())).setHeader("Estimate");
    List<Sweep> found = sweeps.ofExperiment(experiment.id());
    grid.setItems(found);
    grid.setAllRowsVisible(true);
    grid.setVisible(!found.isEmpty());
    grid.addItemClickListener(click -> UI.getCurrent().navigate("sweeps/" + click.getItem().id()));
    return grid;
  }

  private Div gallery(Experiment experiment, ExperimentSummary summary) {
    Div gallery = new Div();
    gallery.setId("experiment-runs");
    gallery.addClassName("dlab-gallery");
    List<Long> visible = sessions.visibleTo(user).stream().map(PlaygroundSession::id).toList();
    List<Run> shown;
    try (Stream<Run> stream =
        RunPages.stream(runs, RunSelection.experiment(experiment.id()), visible)) {
      shown = stream.limit(SHOWN).toList();
    }
    for (Run run : shown) {
      gallery.add(card(run));
    }
    if (shown.isEmpty()) {
      Div empty =
          new Div(
              new Span(
                  "No runs yet. Generate in the Playground with experiment \""
                      + experiment.name()
                      + "\", launch a sweep, or add runs from the Runs view."));
      empty.addClassName("dlab-empty");
      return empty;
    }
    if (summary.runs() > shown.size()) {
      gallery.add(
          new Anchor(
              "runs?query="
                  + java.net.URLEncoder.encode(
                      "experiment = '" + experiment.name().replace("'", "") + "'",
                      java.nio.charset.StandardCharsets.UTF_8),
              "all " + summary.runs() + " runs in the Runs view"));
    }
    return gallery;
  }

  private Div card(Run run) {
    Div card = new Div();
    card.addClassName("dlab-card");
    Image image = new Image();
    image.addClassName("dlab-card-image");
    if (!run.outputs().isEmpty()) {
      image.setSrc(Formats.artifactUrl(run.outputs().getFirst().thumbnail()));
      image.setAlt("run " + run.id());
    }
    Anchor open = new Anchor("runs/" + run.id(), image);
    Checkbox pick = new Checkbox("run " + run.id());
    pick.setId("pick-" + run.id());
    pick.addValueChangeListener(
        change -> {
          if (change.getValue()) {
            selected.add(run.id());
          } else {
            selected.remove(run.id());
          }
          compare.setEnabled(
              selected.size() >= CompareService.MIN_RUNS
                  && selected.size() <= CompareService.MAX_RUNS);
        });
    Span caption =
        new Span(
            run.status().name().toLowerCase(Locale.ROOT)
                + " · "
                + run.settings().sampler()
                + " · cfg "
                + Formats.number(run.settings().cfg())
                + " · "
                + run.settings().steps()
                + " steps · seed "
                + run.settings().seed());
    caption.addClassName("dlab-card-caption");
    card.add(open, pick, caption);
    return card;
  }

  private Dialog editDialog(Experiment experiment) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Edit experiment");
    TextField name = new TextField("Name", experiment.name(), "");
    name.setWidthFull();
    TextArea description = new TextArea("Description (Markdown)", experiment.description(), "");
    description.setWidthFull();
    description.setMinHeight("200px");
    description.setId("edit-description");
    TextField tags =
        new TextField("Tags (comma separated)", String.join(", ", experiment.tags()), "");
    tags.setWidthFull();
    VerticalLayout form = new VerticalLayout(name, description, tags);
    form.setPadding(false);
    form.setWidth("560px");
    dialog.add(form);
    Button save =
        new Button(
            "Save",
            click -> {
              try {
                experiments.update(
                    experiment.id(),
                    new ExperimentChanges(
                        name.getValue(),
                        description.getValue(),
                        ExperimentsView.tags(tags.getValue())));
                dialog.close();
                show(experiments.summary(experiment.id()));
              } catch (RuntimeException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.getMessage());
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.setId("save-experiment");
    dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
    return dialog;
  }
}
