package com.diffusionlab.ui.views;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.reports.BundleImportService;
import com.diffusionlab.reports.ImportResult;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.ExperimentSummary;
import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.ui.BackgroundTasks;
import com.diffusionlab.ui.Formats;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.FileBuffer;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every experiment the user can see, with its run count, status mix, device-seconds, cost and last
 * activity; new experiments, sweeps from YAML and bundle imports start here.
 */
@Route("experiments")
@PageTitle("Experiments · Diffusion Lab")
@PermitAll
public class ExperimentsView extends VerticalLayout {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentsView.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ExperimentService experiments;
  private final SessionService sessions;
  private final BundleImportService imports;
  private final BackgroundTasks tasks;
  private final SweepService sweeps;
  private final LabUser user;
  private final Grid<ExperimentSummary> grid = new Grid<>();
  private final Div empty = new Div();

  public ExperimentsView(
      ExperimentService experiments,
      SessionService sessions,
      BundleImportService imports,
      SweepService sweeps,
      BackgroundTasks tasks,
      IdentityService identity) {
    this.experiments = experiments;
    this.sweeps = sweeps;
    this.sessions = sessions;
    this.imports = imports;
    this.tasks = tasks;
    this.user = identity.current();
    setSizeFull();
    HorizontalLayout actions = new HorizontalLayout();
    actions.setAlignItems(FlexComponent.Alignment.BASELINE);
    if (user.role().canGenerate()) {
      Button create = new Button("New experiment", click -> createDialog().open());
      create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      create.setId("new-experiment");
      Button sweep =
          new Button(
              "Launch sweep",
              click -> new SweepLaunchDialog(sweeps, SweepLaunchDialog.TEMPLATE).open());
      sweep.setId("launch-sweep-dialog");
      Button importBundle = new Button("Import bundle", click -> importDialog().open());
      importBundle.setId("import-bundle");
      actions.add(create, sweep, importBundle);
    }
    HorizontalLayout header = new HorizontalLayout(new H2("Experiments"), actions);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    configureGrid();
    empty.setId("experiments-empty");
    empty.setText(
        user.role().canGenerate()
            ? "No experiments yet. Give a generation an experiment name in the Playground, launch"
                + " a sweep from a YAML file, or import a bundle exported by another workspace."
            : "No experiments you can see yet. Those of shared sessions appear here; ask a"
                + " researcher to share one, or an admin for the researcher role to make your own.");
    empty.addClassName("dlab-empty");
    add(header, empty, grid);
    setFlexGrow(1, grid);
    refresh();
  }

  private void configureGrid() {
    grid.setId("experiments-grid");
    grid.addColumn(new ComponentRenderer<>(ExperimentsView::link))
        .setHeader("Experiment")
        .setFlexGrow(2);
    grid.addColumn(s -> s.experiment().ownerName()).setHeader("Owner").setAutoWidth(true);
    grid.addColumn(ExperimentSummary::runs).setHeader("Runs").setAutoWidth(true);
    grid.addColumn(new ComponentRenderer<>(ExperimentsView::statusMix))
        .setHeader("Status")
        .setFlexGrow(1);
    grid.addColumn(s -> String.format(Locale.ROOT, "%.1f", s.deviceSeconds()))
        .setHeader("Device-seconds")
        .setAutoWidth(true);
    grid.addColumn(s -> Formats.money(s.cost())).setHeader("Cost").setAutoWidth(true);
    grid.addColumn(s -> TIME.format(s.lastActivity()))
        .setHeader("Last activity")
        .setAutoWidth(true);
    grid.addColumn(s -> String.join(", ", s.experiment().tags())).setHeader("Tags");
    grid.addItemClickListener(
        click -> UI.getCurrent().navigate("experiments/" + click.getItem().experiment().id()));
  }

  private static Anchor link(ExperimentSummary summary) {
    Anchor anchor =
        new Anchor("experiments/" + summary.experiment().id(), summary.experiment().name());
    anchor.addClassName("dlab-experiment-link");
    return anchor;
  }

  /** The runs by status, as small coloured counts. */
  static HorizontalLayout statusMix(ExperimentSummary summary) {
    HorizontalLayout mix = new HorizontalLayout();
    mix.setSpacing(false);
    mix.getStyle().set("gap", "var(--lumo-space-xs)");
    for (RunStatus status : RunStatus.values()) {
      Long count = summary.statuses().get(status);
      if (count != null && count > 0) {
        String name = status.name().toLowerCase(Locale.ROOT);
        Span badge = new Span(count + " " + name);
        badge.addClassNames("dlab-status", "dlab-status-" + name);
        mix.add(badge);
      }
    }
    return mix;
  }

  private void refresh() {
    var found = experiments.visible();
    grid.setItems(found);
    grid.setVisible(!found.isEmpty());
    empty.setVisible(found.isEmpty());
  }

  private Dialog createDialog() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("New experiment");
    TextField name = new TextField("Name");
    name.setWidthFull();
    name.setId("experiment-name");
    TextArea description = new TextArea("Description (Markdown)");
    description.setWidthFull();
    description.setMinHeight("120px");
    ComboBox<PlaygroundSession> session = new ComboBox<>("Session for its sweeps");
    session.setItems(sessions.visibleTo(user));
    session.setItemLabelGenerator(PlaygroundSession::name);
    session.setValue(sessions.defaultFor(user));
    TextField tags = new TextField("Tags (comma separated)");
    VerticalLayout form = new VerticalLayout(name, description, session, tags);
    form.setPadding(false);
    form.setWidth("480px");
    dialog.add(form);
    Button save =
        new Button(
            "Create",
            click -> {
              try {
                Experiment created =
                    experiments.create(
                        name.getValue(),
                        description.getValue(),
                        session.getValue() == null ? null : session.getValue().id(),
                        tags(tags.getValue()));
                dialog.close();
                UI.getCurrent().navigate("experiments/" + created.id());
              } catch (RuntimeException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.getMessage());
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.setId("create-experiment");
    dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
    return dialog;
  }

  static Set<String> tags(String text) {
    return Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(tag -> !tag.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private Dialog importDialog() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Import a bundle");
    FileBuffer buffer = new FileBuffer();
    Upload upload = new Upload(buffer);
    upload.setAcceptedFileTypes("application/zip", ".zip");
    upload.setId("bundle-upload");
    upload.setDropLabel(new Span("Drop a ZIP bundle exported by Diffusion Lab"));
    ProgressBar working = new ProgressBar();
    working.setIndeterminate(true);
    working.setVisible(false);
    Span result = new Span();
    result.setId("import-result");
    UI ui = UI.getCurrent();
    upload.addSucceededListener(
        done -> {
          working.setVisible(true);
          result.setText("verifying every file of the bundle …");
          Path file = buffer.getFileData().getFile().toPath();
          tasks.run(
              () -> {
                try {
                  ImportResult imported = imports.importBundle(file, null);
                  ui.access(
                      () -> {
                        working.setVisible(false);
                        result.setText(
                            "imported "
                                + imported.runs()
                                + " runs and "
                                + imported.images()
                                + " images into "
                                + String.join(", ", imported.experimentNames())
                                + (imported.notes().isEmpty()
                                    ? ""
                                    : "; " + String.join("; ", imported.notes())));
                        refresh();
                      });
                } catch (IOException | RuntimeException e) {
                  ui.access(
                      () -> {
                        working.setVisible(false);
                        result.setText("refused: " + e.getMessage());
                        result.getStyle().set("color", "var(--lumo-error-text-color)");
                      });
                } finally {
                  deleteQuietly(file);
                }
              });
        });
    VerticalLayout content = new VerticalLayout(upload, working, result);
    content.setPadding(false);
    content.setWidth("520px");
    dialog.add(content);
    dialog.getFooter().add(new Button("Close", click -> dialog.close()));
    return dialog;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete the uploaded bundle {}", file, e);
    }
  }
}
