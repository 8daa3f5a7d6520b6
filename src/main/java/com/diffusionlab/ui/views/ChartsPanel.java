package com.diffusionlab.ui.views;

import com.diffusionlab.compare.ChartService;
import com.diffusionlab.compare.CompareService;
import com.diffusionlab.compare.RunCategory;
import com.diffusionlab.compare.RunMetric;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunSelection;
import com.diffusionlab.ui.CompareRoute;
import com.diffusionlab.ui.components.Chart;
import com.diffusionlab.ui.components.ChartOptions;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Charts of the runs a view shows (a query's or an experiment's): any metric against any other
 * coloured by a category, parallel coordinates over the settings that vary, seconds per step
 * against pixels per model and device, and predicted against actual time. Brushing points selects
 * runs, which open in the compare view.
 */
class ChartsPanel extends VerticalLayout {

  private final ChartService charts;
  private final Supplier<RunSelection> selection;
  private final Select<RunMetric> x = metricSelect("X", "cfg");
  private final Select<RunMetric> y = metricSelect("Y", "seconds");
  private final Select<RunCategory> colour = new Select<>();
  private final Chart scatter = new Chart();
  private final Chart parallel = new Chart();
  private final Chart speed = new Chart();
  private final Chart estimates = new Chart();
  private final Span note = new Span();
  private final Span picked = new Span();
  private final Button compare = new Button("Compare");
  private List<Long> selected = List.of();
  private List<Run> runs = List.of();

  ChartsPanel(ChartService charts, Supplier<RunSelection> selection) {
    this.charts = charts;
    this.selection = selection;
    setPadding(false);
    setWidthFull();
    colour.setLabel("Colour by");
    colour.setItems(RunCategory.all());
    colour.setItemLabelGenerator(RunCategory::label);
    colour.setValue(RunCategory.find("sampler").orElseThrow());
    x.addValueChangeListener(change -> drawScatter());
    y.addValueChangeListener(change -> drawScatter());
    colour.addValueChangeListener(change -> draw());
    compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    compare.setId("compare-brushed");
    compare.setEnabled(false);
    compare.addClickListener(click -> CompareRoute.open(selected));
    picked.setId("brushed-runs");
    note.addClassName("dlab-secondary");
    HorizontalLayout controls = new HorizontalLayout(x, y, colour, picked, compare);
    controls.setAlignItems(FlexComponent.Alignment.BASELINE);
    controls.getStyle().set("flex-wrap", "wrap");
    scatter.setId("chart-scatter");
    parallel.setId("chart-parallel");
    speed.setId("chart-speed");
    estimates.setId("chart-estimates");
    Div grid = new Div(scatter, parallel, speed, estimates);
    grid.addClassName("dlab-charts");
    for (Chart chart : List.of(scatter, parallel, speed, estimates)) {
      chart.addSelectionListener(this::picked);
      chart.addPointClickListener(run -> UI.getCurrent().navigate("runs/" + run));
    }
    add(controls, note, grid);
  }

  private static Select<RunMetric> metricSelect(String label, String initial) {
    Select<RunMetric> select = new Select<>();
    select.setLabel(label);
    select.setItems(RunMetric.all());
    select.setItemLabelGenerator(RunMetric::label);
    select.setValue(RunMetric.find(initial).orElseThrow());
    select.setId("chart-" + label.toLowerCase(Locale.ROOT));
    return select;
  }

  /** Reads the runs again and redraws every chart: call when the view's selection changes. */
  void refresh() {
    ChartService.ChartRuns found = charts.runs(selection.get());
    runs = found.runs();
    note.setText(
        found.truncated()
            ? String.format(
                Locale.ROOT,
                "showing the first %,d of %,d runs",
                found.runs().size(),
                found.total())
            : found.total() + " runs");
    draw();
  }

  private void draw() {
    drawScatter();
    List<RunMetric> varying = varyingMetrics();
    parallel.setOption(
        ChartOptions.parallel(runs, varying, colour.getValue(), "Settings and time of each run"));
    speed.setOption(
        ChartOptions.scatter(
            runs,
            RunMetric.find("pixels").orElseThrow(),
            RunMetric.find("secondsPerStep").orElseThrow(),
            RunCategory.find("modelDevice").orElseThrow(),
            "Seconds per step against pixels, per model and device"));
    estimates.setOption(
        ChartOptions.predictedAgainstActual(
            runs,
            RunMetric.find("estimate").orElseThrow(),
            RunMetric.find("seconds").orElseThrow(),
            RunCategory.find("model").orElseThrow(),
            "Predicted against actual seconds"));
    picked(List.of());
  }

  private void drawScatter() {
    if (x.getValue() != null && y.getValue() != null && colour.getValue() != null) {
      scatter.setOption(
          ChartOptions.scatter(
              runs,
              x.getValue(),
              y.getValue(),
              colour.getValue(),
              y.getValue().label() + " against " + x.getValue().label()));
    }
  }

  /** The numeric settings that take more than one value, and the total seconds. */
  private List<RunMetric> varyingMetrics() {
    List<RunMetric> varying = new ArrayList<>();
    for (RunMetric metric : RunMetric.all()) {
      if (metric.setting() && runs.stream().map(metric.value()).distinct().count() > 1) {
        varying.add(metric);
      }
    }
    varying.add(RunMetric.find("seconds").orElseThrow());
    return varying;
  }

  private void picked(List<Long> ids) {
    selected = ids;
    picked.setText(ids.isEmpty() ? "Brush points to select runs" : ids.size() + " runs selected");
    compare.setEnabled(
        ids.size() >= CompareService.MIN_RUNS && ids.size() <= CompareService.MAX_RUNS);
    compare.setText(
        ids.size() > CompareService.MAX_RUNS
            ? "Compare (at most " + CompareService.MAX_RUNS + ")"
            : "Compare");
  }
}
