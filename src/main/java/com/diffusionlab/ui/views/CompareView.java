package com.diffusionlab.ui.views;

import com.diffusionlab.compare.CompareService;
import com.diffusionlab.compare.Comparison;
import com.diffusionlab.compare.DiffToken;
import com.diffusionlab.compare.ImageComparison;
import com.diffusionlab.compare.ImageDifference;
import com.diffusionlab.compare.ImageDifferences;
import com.diffusionlab.compare.ImageRow;
import com.diffusionlab.compare.SettingRow;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.ui.Formats;
import com.diffusionlab.ui.components.Chart;
import com.diffusionlab.ui.components.ChartOptions;
import com.diffusionlab.ui.components.ImageCompare;
import com.diffusionlab.ui.components.ZoomGroup;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 2 to 8 runs side by side ({@code /compare?runs=12,15,40}, a link that can be shared): images
 * paired by seed at one scale with zoom in step, any two images as a wipe, flicker or difference
 * heatmap with their figures, every setting with the differing ones marked, prompts diffed word by
 * word, and timings, memory and cost with a per-step chart.
 */
@Route("compare")
@PageTitle("Compare · Diffusion Lab")
@PermitAll
public class CompareView extends VerticalLayout implements BeforeEnterObserver {

  /** One image of the comparison: which run and which output. */
  private record Picked(Run run, RunOutput output) {
    String label() {
      return "run " + run.id() + " · seed " + output.seed();
    }
  }

  private final CompareService compare;
  private final ImageDifferences differences;

  public CompareView(CompareService compare, ImageDifferences differences) {
    this.compare = compare;
    this.differences = differences;
    setWidthFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    removeAll();
    String ids = event.getLocation().getQueryParameters().getSingleParameter("runs").orElse("");
    try {
      show(compare.compare(CompareService.parseIds(ids)));
    } catch (RuntimeException e) {
      Span problem = new Span(e.getMessage());
      problem.setId("compare-error");
      problem.getStyle().set("color", "var(--lumo-error-text-color)");
      Div help =
          new Div(
              new Span(
                  "Pick 2 to 8 runs in the Runs view (or in an experiment or a sweep) and press"
                      + " Compare; a comparison's address can be shared."),
              new Anchor("runs", " Open the Runs view"));
      help.addClassName("dlab-empty");
      add(new H2("Compare runs"), problem, help);
    }
  }

  private void show(Comparison comparison) {
    List<Run> runs = comparison.runs();
    H2 title = new H2("Compare " + runs.size() + " runs");
    HorizontalLayout links = new HorizontalLayout();
    links.getStyle().set("flex-wrap", "wrap");
    runs.forEach(run -> links.add(new Anchor("runs/" + run.id(), "run " + run.id())));
    add(title, links);
    add(new H3("Images"), images(comparison));
    add(new H3("Two images"), pair(comparison));
    add(new H3("Settings"), table(comparison.settings(), runs, "settings"));
    add(new H3("Prompts, word by word"), prompts(comparison));
    add(new H3("Timings and resources"), table(comparison.figures(), runs, "figures"));
    Chart steps = new Chart();
    steps.setId("compare-steps");
    steps.setOption(ChartOptions.steps(runs, "Seconds per step"));
    add(steps);
  }

  /** The runs' images, a row per seed, at the same scale with zoom in step. */
  private VerticalLayout images(Comparison comparison) {
    VerticalLayout rows = new VerticalLayout();
    rows.setPadding(false);
    rows.setWidthFull();
    for (ImageRow row : comparison.images()) {
      List<ZoomGroup.Item> items = new ArrayList<>();
      for (int i = 0; i < row.outputs().size(); i++) {
        RunOutput output = row.outputs().get(i);
        Run run = comparison.runs().get(i);
        if (output != null) {
          items.add(
              new ZoomGroup.Item(
                  Formats.artifactUrl(output.sha256()),
                  "run " + run.id() + " · seed " + output.seed() + " · " + run.settings().sampler(),
                  "runs/" + run.id()));
        }
      }
      ZoomGroup group = new ZoomGroup();
      group.setImages(items);
      group.setWidthFull();
      group.addClassName("dlab-compare-row");
      rows.add(group);
    }
    rows.setId("compare-images");
    return rows;
  }

  /** Any two images as a wipe, a flicker or a difference heatmap, with their figures. */
  private VerticalLayout pair(Comparison comparison) {
    List<Picked> all = new ArrayList<>();
    for (ImageRow row : comparison.images()) {
      for (int i = 0; i < row.outputs().size(); i++) {
        if (row.outputs().get(i) != null) {
          all.add(new Picked(comparison.runs().get(i), row.outputs().get(i)));
        }
      }
    }
    VerticalLayout section = new VerticalLayout();
    section.setPadding(false);
    section.setWidthFull();
    if (all.size() < 2) {
      section.add(new Span("These runs have fewer than two images to compare."));
      return section;
    }
    Select<Picked> a = pickSelect("A", all, 0);
    Select<Picked> b = pickSelect("B", all, firstOfAnotherRun(all));
    Tabs modes = new Tabs(new Tab("Wipe"), new Tab("Flicker"), new Tab("Difference heatmap"));
    modes.setId("compare-mode");
    ImageCompare viewer = new ImageCompare();
    viewer.setId("image-compare");
    viewer.setWidthFull();
    Div figures = new Div();
    figures.setId("difference-figures");
    figures.addClassName("dlab-figures");
    Runnable update =
        () -> {
          Picked first = a.getValue();
          Picked second = b.getValue();
          viewer.setImages(
              Formats.artifactUrl(first.output().sha256()),
              first.label(),
              Formats.artifactUrl(second.output().sha256()),
              second.label());
          ImageComparison measured =
              differences.compare(first.output().sha256(), second.output().sha256());
          if (measured.heatmap() != null) {
            viewer.setHeatmap(Formats.artifactUrl(measured.heatmap()));
          }
          if (measured.figures().maxAbsDifference() != null) {
            viewer.setHeatmapMax(measured.figures().maxAbsDifference());
          }
          figures.removeAll();
          figures.add(figureTable(measured.figures()));
        };
    a.addValueChangeListener(change -> update.run());
    b.addValueChangeListener(change -> update.run());
    modes.addSelectedChangeListener(
        change ->
            viewer.setMode(
                switch (modes.getSelectedIndex()) {
                  case 1 -> ImageCompare.Mode.FLICKER;
                  case 2 -> ImageCompare.Mode.HEATMAP;
                  default -> ImageCompare.Mode.WIPE;
                }));
    update.run();
    HorizontalLayout pickers = new HorizontalLayout(a, b, modes);
    pickers.setAlignItems(FlexComponent.Alignment.BASELINE);
    pickers.getStyle().set("flex-wrap", "wrap");
    HorizontalLayout body = new HorizontalLayout(viewer, figures);
    body.setWidthFull();
    body.setFlexGrow(1, viewer);
    section.add(pickers, body);
    return section;
  }

  private static int firstOfAnotherRun(List<Picked> all) {
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).run().id() != all.getFirst().run().id()) {
        return i;
      }
    }
    return 1;
  }

  private static Select<Picked> pickSelect(String label, List<Picked> all, int initial) {
    Select<Picked> select = new Select<>();
    select.setLabel(label);
    select.setItems(all);
    select.setItemLabelGenerator(Picked::label);
    select.setValue(all.get(initial));
    select.setId("pick-" + label.toLowerCase(Locale.ROOT));
    return select;
  }

  private static Component figureTable(ImageDifference d) {
    VerticalLayout table = new VerticalLayout();
    table.setPadding(false);
    table.setSpacing(false);
    table.add(figure("Identical bytes", d.identicalBytes() ? "yes" : "no"));
    table.add(figure("Identical pixels", d.identicalPixels() ? "yes" : "no"));
    if (d.note() != null) {
      table.add(new Span(d.note()));
      return table;
    }
    table.add(figure("Max abs. difference", d.maxAbsDifference() + " of 255"));
    table.add(
        figure("Mean abs. difference", String.format(Locale.ROOT, "%.3f", d.meanAbsDifference())));
    table.add(
        figure(
            "PSNR",
            d.psnr() == null ? "∞ (identical)" : String.format(Locale.ROOT, "%.2f dB", d.psnr())));
    table.add(figure("SSIM", String.format(Locale.ROOT, "%.5f", d.ssim())));
    table.add(
        figure(
            "Differing pixels",
            String.format(
                Locale.ROOT, "%,d of %,d", d.differingPixels(), (long) d.width() * d.height())));
    return table;
  }

  private static Component figure(String label, String value) {
    Span name = new Span(label);
    name.addClassName("dlab-secondary");
    Span text = new Span(value);
    text.addClassName("dlab-mono");
    text.setId("figure-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
    HorizontalLayout row = new HorizontalLayout(name, text);
    row.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
    row.setWidthFull();
    return row;
  }

  /** Rows of settings or figures, a column per run, differing rows marked. */
  private static VerticalLayout table(List<SettingRow> rows, List<Run> runs, String id) {
    Grid<SettingRow> grid = new Grid<>();
    grid.setId("compare-" + id);
    grid.addColumn(SettingRow::label).setHeader("").setAutoWidth(true).setFrozen(true);
    for (int i = 0; i < runs.size(); i++) {
      int column = i;
      grid.addColumn(new ComponentRenderer<>(row -> cell(row, column)))
          .setHeader("run " + runs.get(i).id())
          .setFlexGrow(1);
    }
    grid.setPartNameGenerator(row -> row.differs() ? "dlab-differs" : null);
    grid.setAllRowsVisible(true);
    Checkbox differencesOnly = new Checkbox("Differences only");
    differencesOnly.setId("differences-only-" + id);
    differencesOnly.addValueChangeListener(
        change ->
            grid.setItems(
                change.getValue() ? rows.stream().filter(SettingRow::differs).toList() : rows));
    grid.setItems(rows);
    VerticalLayout section = new VerticalLayout(differencesOnly, grid);
    section.setPadding(false);
    section.setWidthFull();
    return section;
  }

  private static Span cell(SettingRow row, int column) {
    Span value = new Span(row.values().get(column));
    value.addClassName("dlab-mono");
    value.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere");
    return value;
  }

  /** Each prompt with the words it adds to the first run's marked, and those it drops struck. */
  private static VerticalLayout prompts(Comparison comparison) {
    VerticalLayout section = new VerticalLayout();
    section.setPadding(false);
    section.setId("compare-prompts");
    for (int i = 0; i < comparison.runs().size(); i++) {
      Div line = new Div();
      line.addClassName("dlab-prompt-diff");
      Span who = new Span("run " + comparison.runs().get(i).id() + ": ");
      who.addClassName("dlab-secondary");
      line.add(who);
      for (DiffToken token : comparison.prompts().get(i)) {
        Span word = new Span(token.text());
        switch (token.kind()) {
          case ADDED -> word.addClassName("dlab-word-added");
          case REMOVED -> word.addClassName("dlab-word-removed");
          case SAME -> {}
        }
        line.add(word, new Span(" "));
      }
      section.add(line);
    }
    return section;
  }
}
