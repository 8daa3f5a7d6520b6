package com.diffusionlab.ui.views;

import com.diffusionlab.scheduling.EstimateAccuracy;
import com.diffusionlab.scheduling.EstimateAccuracy.Configuration;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The estimator's error on recent runs: overall, and per configuration with its bias and how often
 * runs fell within the estimate's band.
 */
class EstimateAccuracyPanel extends VerticalLayout {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  EstimateAccuracyPanel(EstimateAccuracy accuracy) {
    setPadding(false);
    setId("estimate-accuracy");
    Paragraph summary =
        new Paragraph(
            accuracy.medianErrorPercent() == null
                ? "No run with an estimate has finished yet."
                : String.format(
                    Locale.ROOT,
                    "Median error of the estimated seconds over the latest %d runs: %.1f%%."
                        + " Targets: under 15%% after 20 runs of a configuration, under 50%% for"
                        + " one never seen.",
                    Math.min(accuracy.runs(), EstimateAccuracy.OVERALL),
                    accuracy.medianErrorPercent()));
    summary.setId("estimate-accuracy-summary");
    Grid<Configuration> grid = new Grid<>();
    grid.setId("estimate-accuracy-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.addColumn(Configuration::model).setHeader("Model").setAutoWidth(true);
    grid.addColumn(Configuration::device).setHeader("Device");
    grid.addColumn(c -> c.width() + "×" + c.height()).setHeader("Size");
    grid.addColumn(Configuration::batch).setHeader("Batch");
    grid.addColumn(Configuration::sampler).setHeader("Sampler");
    grid.addColumn(c -> (c.guided() ? "guided" : "cfg 1") + (c.imageInput() ? ", img2img" : ""))
        .setHeader("Guidance");
    grid.addColumn(Configuration::runs).setHeader("Runs");
    grid.addColumn(c -> percent(c.medianErrorPercent(), false))
        .setHeader("Median error")
        .setTooltipGenerator(c -> "over its latest " + EstimateAccuracy.RECENT + " runs");
    grid.addColumn(c -> percent(c.biasPercent(), true))
        .setHeader("Bias")
        .setTooltipGenerator(c -> "positive: estimates were too long");
    grid.addColumn(c -> c.inBandPercent() == null ? "–" : percent(c.inBandPercent(), false))
        .setHeader("In band");
    grid.addColumn(c -> WHEN.format(c.lastRun())).setHeader("Last run").setAutoWidth(true);
    grid.setItems(accuracy.configurations());
    grid.setAllRowsVisible(accuracy.configurations().size() <= 8);
    if (accuracy.configurations().size() > 8) {
      grid.setHeight("320px");
    }
    grid.setVisible(!accuracy.configurations().isEmpty());
    add(new H3("Estimate accuracy"), summary, grid);
  }

  private static String percent(double value, boolean signed) {
    return String.format(Locale.ROOT, signed ? "%+.1f%%" : "%.1f%%", value);
  }
}
