package com.diffusionlab.ui.views;

import com.diffusionlab.compare.ChartService;
import com.diffusionlab.compare.CompareService;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.reports.ExportService;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.ExperimentRef;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.ExperimentSummary;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.QuerySyntaxException;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.ui.BackgroundTasks;
import com.diffusionlab.ui.CompareRoute;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.components.ColumnChooser;
import com.diffusionlab.ui.components.ExportBar;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * Every run the user can see, newest first, loaded lazily page by page (no counting query, so it
 * stays quick at hundreds of thousands of runs), filtered by the run query language.
 */
@Route("runs")
@PageTitle("Runs · Diffusion Lab")
@PermitAll
public class RunsView extends VerticalLayout implements BeforeEnterObserver {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final RunService runs;
  private final List<Long> sessionIds;
  private final TextField query = new TextField();
  private final Span queryError = new Span();
  private final Span selection = new Span();
  private final ExperimentService experiments;
  private final ChartsPanel charts;
  private final Details chartsSection;
  private final Button compare = new Button("Compare");
  private final Button addToExperiment = new Button("Add to experiment…");
  private final Grid<Run> grid = new Grid<>();
  private final boolean canGenerate;
  private String activeQuery = "";

  public RunsView(
      RunService runs,
      SessionService sessions,
      IdentityService identity,
      ExperimentService experiments,
      ExportService exports,
      ChartService chartService,
      BackgroundTasks tasks) {
    this.runs = runs;
    this.charts = new ChartsPanel(chartService, () -> RunSelection.matching(activeQuery));
    this.experiments = experiments;
    this.sessionIds =
        sessions.visibleTo(identity.current()).stream().map(PlaygroundSession::id).toList();
    this.canGenerate = identity.current().role().canGenerate();
    setSizeFull();
    query.setId("run-query");
    query.setWidth("640px");
    query.setPlaceholder("cfg > 7 and sampler = 'euler' and prompt ~ 'cat' and tag = 'best'");
    query.setHelperText(
        "fields: cfg steps seed width height batch prompt negative model hash sampler schedule rng status tag"
            + " experiment user seconds cost created reproduced; operators = != < <= > >= ~ (contains) !~; and or not ( )");
    query.setClearButtonVisible(true);
    query.addKeyPressListener(Key.ENTER, e -> apply());
    Button search = new Button("Filter", e -> apply());
    search.setId("run-search");
    queryError.setId("query-error");
    queryError.getStyle().set("color", "var(--lumo-error-text-color)");
    selection.setId("selection");
    HorizontalLayout bar = new HorizontalLayout(query, search);
    bar.setAlignItems(FlexComponent.Alignment.BASELINE);
    configureGrid();
    compare.setId("compare-selected");
    compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    compare.addClickListener(click -> compareSelected());
    addToExperiment.setId("add-to-experiment");
    addToExperiment.addClickListener(click -> membershipDialog().open());
    addToExperiment.setVisible(canGenerate);
    ColumnChooser columns =
        new ColumnChooser(
            "dlab.runs.columns",
            grid.getColumns().stream().filter(column -> column.getKey() != null).toList());
    columns.getStyle().set("margin-left", "auto");
    HorizontalLayout actions =
        new HorizontalLayout(
            selection,
            compare,
            addToExperiment,
            new ExportBar(exports, tasks, this::exportSelection),
            columns);
    actions.setAlignItems(FlexComponent.Alignment.CENTER);
    actions.setWidthFull();
    actions.getStyle().set("flex-wrap", "wrap");
    selectionChanged();
    chartsSection = new Details("Charts of these runs", charts);
    chartsSection.setId("runs-charts");
    chartsSection.setWidthFull();
    // opened, the charts take their height and the view scrolls; the grid keeps a usable height
    chartsSection.getStyle().set("flex-shrink", "0");
    grid.setMinHeight("420px");
    getStyle().set("overflow", "auto");
    chartsSection.addOpenedChangeListener(
        change -> {
          if (change.isOpened()) {
            charts.refresh();
          }
        });
    add(new H2("Runs"), bar, queryError, actions, chartsSection, grid);
    setFlexGrow(1, grid);
    refresh();
  }

  /**
   * The columns that matter at a glance fit a laptop screen (thumbnail, id, status, prompt, model,
   * a settings summary, created); the others are a click away in the column chooser.
   */
  private void configureGrid() {
    grid.setId("runs-grid");
    grid.setSelectionMode(Grid.SelectionMode.MULTI);
    grid.addColumn(new ComponentRenderer<>(RunsView::thumbnail))
        .setHeader("Image")
        .setKey("thumbnail")
        .setWidth("96px")
        .setFlexGrow(0);
    fixed(grid.addColumn(Run::id).setHeader("Run").setKey("id").setSortable(true), 76);
    fixed(
        grid.addColumn(
                LitRenderer.<Run>of(
                        "<span class='dlab-status dlab-status-${item.status}'>${item.status}</span>")
                    .withProperty("status", run -> run.status().name().toLowerCase(Locale.ROOT)))
            .setHeader("Status")
            .setKey("status"),
        112);
    grid.addColumn(
            LitRenderer.<Run>of("<div class='dlab-clamp'>${item.prompt}</div>")
                .withProperty("prompt", run -> run.settings().prompt()))
        .setHeader("Prompt")
        .setKey("prompt")
        .setWidth("160px")
        .setFlexGrow(2)
        .setTooltipGenerator(run -> run.settings().prompt());
    fixed(grid.addColumn(run -> run.settings().modelName()).setHeader("Model").setKey("model"), 120)
        .setTooltipGenerator(run -> run.settings().modelName());
    grid.addColumn(
            LitRenderer.<Run>of(
                    "<div class='dlab-clamp dlab-small'>${item.sampling}<br>${item.image}</div>")
                .withProperty("sampling", RunsView::samplingSummary)
                .withProperty("image", RunsView::imageSummary))
        .setHeader("Settings")
        .setKey("settings")
        .setWidth("170px")
        .setFlexGrow(1)
        .setTooltipGenerator(run -> samplingSummary(run) + " · " + imageSummary(run));
    optional(grid.addColumn(run -> run.settings().sampler()).setHeader("Sampler"), "sampler", 110);
    optional(grid.addColumn(run -> run.settings().steps()).setHeader("Steps"), "settings.steps", 90)
        .setSortable(true);
    optional(grid.addColumn(run -> run.settings().cfg()).setHeader("CFG"), "settings.cfg", 80)
        .setSortable(true);
    optional(grid.addColumn(run -> run.settings().seed()).setHeader("Seed"), "settings.seed", 130)
        .setSortable(true);
    optional(
        grid.addColumn(run -> run.settings().width() + "×" + run.settings().height())
            .setHeader("Size"),
        "size",
        90);
    optional(
            grid.addColumn(run -> Formats.seconds(run.timings().total())).setHeader("Time"),
            "timings.total",
            90)
        .setSortable(true);
    optional(grid.addColumn(Run::experimentNames).setHeader("Experiments"), "experiments", 150);
    optional(grid.addColumn(run -> String.join(", ", run.tags())).setHeader("Tags"), "tags", 120);
    // date over time: the rows are as tall as their thumbnails anyway
    fixed(
            grid.addColumn(
                    LitRenderer.<Run>of("<div class='dlab-small'>${item.day}<br>${item.time}</div>")
                        .withProperty("day", run -> DAY.format(run.createdAt()))
                        .withProperty("time", run -> CLOCK.format(run.createdAt())))
                .setHeader("Created")
                .setKey("createdAt"),
            116)
        .setSortable(true)
        .setTooltipGenerator(run -> TIME.format(run.createdAt()));
    grid.addItemClickListener(
        e -> grid.getUI().ifPresent(ui -> ui.navigate("runs/" + e.getItem().id())));
    grid.addSelectionListener(e -> selectionChanged());
  }

  /** How a run sampled: {@code euler · 20 steps · cfg 7}. */
  private static String samplingSummary(Run run) {
    GenerationSettings settings = run.settings();
    return settings.sampler()
        + " · "
        + settings.steps()
        + " steps · cfg "
        + Formats.number(settings.cfg());
  }

  /** What a run made: {@code 64×64 · batch 4 · seed 12}. */
  private static String imageSummary(Run run) {
    GenerationSettings settings = run.settings();
    return settings.width()
        + "×"
        + settings.height()
        + (settings.batch() != null && settings.batch() > 1 ? " · batch " + settings.batch() : "")
        + " · seed "
        + settings.seed();
  }

  /** A link may carry a query ({@code runs?query=...}): the grid opens filtered by it. */
  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    event
        .getLocation()
        .getQueryParameters()
        .getSingleParameter("query")
        .ifPresent(
            text -> {
              query.setValue(text);
              apply();
            });
  }

  private void selectionChanged() {
    int count = grid.getSelectedItems().size();
    selection.setText(count == 0 ? "Select runs to compare or export them" : count + " selected");
    compare.setEnabled(count >= CompareService.MIN_RUNS && count <= CompareService.MAX_RUNS);
    compare.setTooltipText(
        "compare " + CompareService.MIN_RUNS + " to " + CompareService.MAX_RUNS + " runs");
    addToExperiment.setEnabled(count > 0);
  }

  private List<Long> selectedIds() {
    return grid.getSelectedItems().stream().map(Run::id).sorted().toList();
  }

  private void compareSelected() {
    CompareRoute.open(selectedIds());
  }

  /** The selected runs, or the current query's when none are selected. */
  private RunSelection exportSelection() {
    return grid.getSelectedItems().isEmpty()
        ? RunSelection.matching(activeQuery)
        : RunSelection.runs(selectedIds());
  }

  private Dialog membershipDialog() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Add " + grid.getSelectedItems().size() + " runs to an experiment");
    ComboBox<ExperimentSummary> target = new ComboBox<>("Experiment");
    target.setItems(experiments.visible());
    target.setItemLabelGenerator(s -> s.experiment().name() + " · " + s.experiment().ownerName());
    target.setWidthFull();
    target.setId("target-experiment");
    RadioButtonGroup<String> mode = new RadioButtonGroup<>("How");
    mode.setItems("Copy (keep them where they are too)", "Move (out of their current experiments)");
    mode.setValue("Copy (keep them where they are too)");
    Span error = new Span();
    error.getStyle().set("color", "var(--lumo-error-text-color)");
    Button add =
        new Button(
            "Add",
            click -> {
              try {
                if (target.getValue() == null) {
                  throw new IllegalArgumentException("choose an experiment");
                }
                long to = target.getValue().experiment().id();
                boolean move = mode.getValue().startsWith("Move");
                int added = 0;
                for (Run run : grid.getSelectedItems()) {
                  Long from =
                      move
                          ? run.experiments().stream()
                              .map(ExperimentRef::id)
                              .filter(id -> id != to)
                              .findFirst()
                              .orElse(null)
                          : null;
                  added += experiments.addRuns(to, List.of(run.id()), from);
                }
                Notification.show(
                    added + " runs added to " + target.getValue().experiment().name());
                dialog.close();
                refresh();
              } catch (RuntimeException e) {
                error.setText(e.getMessage());
              }
            });
    add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add.setId("confirm-add-to-experiment");
    VerticalLayout content = new VerticalLayout(target, mode, error);
    content.setPadding(false);
    content.setWidth("440px");
    dialog.add(content);
    dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), add);
    return dialog;
  }

  /** Short values get a fixed width, so that the prompt keeps the room. */
  private static Grid.Column<Run> fixed(Grid.Column<Run> column, int pixels) {
    return column.setWidth(pixels + "px").setFlexGrow(0);
  }

  /** A column hidden until the column chooser shows it. */
  private static Grid.Column<Run> optional(Grid.Column<Run> column, String key, int pixels) {
    Grid.Column<Run> hidden = fixed(column.setKey(key), pixels);
    hidden.setVisible(false);
    return hidden;
  }

  private static Image thumbnail(Run run) {
    Image image = new Image();
    image.addClassName("dlab-thumb");
    if (!run.outputs().isEmpty()) {
      image.setSrc(Formats.artifactUrl(run.outputs().get(0).thumbnail()));
      image.setAlt("run " + run.id());
    }
    return image;
  }

  private void apply() {
    try {
      runs.validate(query.getValue());
      queryError.setText("");
      query.setInvalid(false);
      activeQuery = query.getValue();
      refresh();
    } catch (QuerySyntaxException e) {
      query.setInvalid(true);
      String text = query.getValue();
      int at = Math.min(e.position() - 1, text.length());
      queryError.setText(
          e.getMessage() + ":  " + text.substring(0, at) + " ⟶ " + text.substring(at));
    }
  }

  private void refresh() {
    if (chartsSection != null && chartsSection.isOpened()) {
      charts.refresh();
    }
    grid.setEmptyStateComponent(emptyState());
    grid.setItems(
        request -> {
          Sort sort = sort(request.getSortOrders());
          return runs
              .browse(
                  activeQuery,
                  sessionIds,
                  PageRequest.of(request.getPage(), request.getPageSize(), sort))
              .getContent()
              .stream();
        });
  }

  /** What an empty grid says: how to make a first run, or that the query matches none. */
  private Div emptyState() {
    Div empty = new Div();
    empty.setId("runs-empty");
    empty.addClassName("dlab-grid-empty");
    if (activeQuery.isBlank() && canGenerate) {
      empty.add(
          new Span("No runs yet. Every generation lands here: "),
          new RouterLink("make one in the Playground", PlaygroundView.class),
          new Span(", or launch a sweep from Experiments."));
    } else if (activeQuery.isBlank()) {
      empty.add(
          new Span(
              "No runs you can see yet. Runs of shared sessions appear here; ask a researcher to"
                  + " share one, or an admin for the researcher role to make your own."));
    } else {
      Button clear =
          new Button(
              "clear the query",
              click -> {
                query.clear();
                apply();
              });
      clear.setId("clear-query");
      clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
      empty.add(
          new Span("No run matches “" + activeQuery + "”. Change the query, or "),
          clear,
          new Span(" to see every run."));
    }
    return empty;
  }

  private static Sort sort(List<QuerySortOrder> orders) {
    List<Sort.Order> result = new ArrayList<>();
    for (var order : orders) {
      Sort.Direction direction =
          order.getDirection() == SortDirection.ASCENDING
              ? Sort.Direction.ASC
              : Sort.Direction.DESC;
      result.add(new Sort.Order(direction, order.getSorted()));
    }
    result.add(Sort.Order.desc("id"));
    return Sort.by(result);
  }
}
