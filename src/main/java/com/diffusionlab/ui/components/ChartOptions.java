package com.diffusionlab.ui.components;

import com.diffusionlab.compare.RunCategory;
import com.diffusionlab.compare.RunMetric;
import com.diffusionlab.tracking.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ECharts options for runs, built on the server: every data item ends with its run id, so that
 * brushing and clicking in a {@link Chart} give runs back.
 */
public final class ChartOptions {
  private static final JsonMapper JSON = JsonMapper.shared();

  private ChartOptions() {}

  /** A scatter of one metric against another, a series per category value, brushable. */
  public static ObjectNode scatter(
      List<Run> runs, RunMetric x, RunMetric y, RunCategory colour, String title) {
    ObjectNode option = base(title);
    axis(option.putObject("xAxis"), x.label(), true);
    axis(option.putObject("yAxis"), y.label(), true);
    ArrayNode series = option.putArray("series");
    for (Map.Entry<String, List<Run>> group : byCategory(runs, colour).entrySet()) {
      ObjectNode s = series.addObject();
      s.put("name", group.getKey());
      s.put("type", "scatter");
      s.put("symbolSize", 8);
      ArrayNode data = s.putArray("data");
      for (Run run : group.getValue()) {
        Double xv = x.value().apply(run);
        Double yv = y.value().apply(run);
        if (xv != null && yv != null) {
          data.addArray().add(xv).add(yv).add(run.id());
        }
      }
    }
    brush(option, "rect");
    return option;
  }

  /** {@link #scatter} with the line y = x, for predictions against what happened. */
  public static ObjectNode predictedAgainstActual(
      List<Run> runs, RunMetric predicted, RunMetric actual, RunCategory colour, String title) {
    ObjectNode option = scatter(runs, predicted, actual, colour, title);
    double max =
        runs.stream()
            .flatMap(
                run ->
                    java.util.stream.Stream.of(
                        predicted.value().apply(run), actual.value().apply(run)))
            .filter(java.util.Objects::nonNull)
            .mapToDouble(Double::doubleValue)
            .max()
            .orElse(1);
    ObjectNode line = ((ArrayNode) option.get("series")).addObject();
    line.put("name", "y = x");
    line.put("type", "line");
    line.put("symbol", "none");
    line.putObject("lineStyle").put("type", "dashed").put("color", "#999");
    line.putArray("data")
        .add(JSON.createArrayNode().add(0).add(0))
        .add(JSON.createArrayNode().add(max).add(max));
    return option;
  }

  /** Parallel coordinates over the metrics, one line per run coloured by category, selectable. */
  public static ObjectNode parallel(
      List<Run> runs, List<RunMetric> metrics, RunCategory colour, String title) {
    ObjectNode option = base(title);
    option.putObject("parallel").put("top", 60).put("bottom", 48);
    ArrayNode axes = option.putArray("parallelAxis");
    for (int i = 0; i < metrics.size(); i++) {
      axes.addObject().put("dim", i).put("name", metrics.get(i).label()).put("nameGap", 12);
    }
    ArrayNode series = option.putArray("series");
    for (Map.Entry<String, List<Run>> group : byCategory(runs, colour).entrySet()) {
      ObjectNode s = series.addObject();
      s.put("name", group.getKey());
      s.put("type", "parallel");
      // the series draws its lines in with a clip of its own unless told not to
      s.put("animation", false);
      s.putObject("lineStyle").put("width", 1.5).put("opacity", runs.size() > 200 ? 0.25 : 0.7);
      ArrayNode data = s.putArray("data");
      for (Run run : group.getValue()) {
        ArrayNode item = data.addArray();
        for (RunMetric metric : metrics) {
          Double value = metric.value().apply(run);
          if (value == null) {
            item.addNull();
          } else {
            item.add(value);
          }
        }
        item.add(run.id());
      }
    }
    option.remove("tooltip");
    return option;
  }

  /** Seconds of each step, a line per run. */
  public static ObjectNode steps(List<Run> runs, String title) {
    ObjectNode option = base(title);
    axis(option.putObject("xAxis"), "Step", false).put("minInterval", 1);
    axis(option.putObject("yAxis"), "Seconds", true);
    ArrayNode series = option.putArray("series");
    for (Run run : runs) {
      ObjectNode s = series.addObject();
      s.put("name", "run " + run.id());
      s.put("type", "line");
      s.put("showSymbol", true);
      ArrayNode data = s.putArray("data");
      List<Double> steps = run.timings().steps();
      for (int i = 0; i < steps.size(); i++) {
        data.addArray().add(i + 1).add(steps.get(i)).add(run.id());
      }
    }
    return option;
  }

  private static ObjectNode base(String title) {
    ObjectNode option = JSON.createObjectNode();
    option
        .putObject("title")
        .put("text", title)
        .put("left", "center")
        .putObject("textStyle")
        .put("fontSize", 13);
    option.putObject("legend").put("type", "scroll").put("bottom", 0);
    option
        .putObject("grid")
        .put("left", 64)
        .put("right", 24)
        .put("top", 48)
        .put("bottom", 64)
        .put("containLabel", true);
    option
        .putObject("tooltip")
        .put("trigger", "item")
        .put("formatter", Chart.Formatter.RUN.reference());
    return option;
  }

  private static ObjectNode axis(ObjectNode axis, String name, boolean scale) {
    axis.put("type", "value");
    axis.put("name", name);
    axis.put("nameLocation", "middle");
    axis.put("nameGap", 32);
    axis.put("scale", scale);
    // a little room at both ends, so that points at the extremes are not cut in half
    axis.putArray("boundaryGap").add("5%").add("5%");
    return axis;
  }

  private static void brush(ObjectNode option, String type) {
    option
        .putObject("brush")
        .put("xAxisIndex", "all")
        .put("yAxisIndex", "all")
        .putArray("toolbox")
        .add(type)
        .add("clear");
    option
        .putObject("toolbox")
        .putObject("feature")
        .putObject("brush")
        .putArray("type")
        .add(type)
        .add("clear");
  }

  private static Map<String, List<Run>> byCategory(List<Run> runs, RunCategory colour) {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run run : runs) {
      groups.computeIfAbsent(colour.value().apply(run), key -> new ArrayList<>()).add(run);
    }
    return groups;
  }
}
