package com.diffusionlab.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Apache ECharts chart drawn as SVG in the browser ({@code frontend/components/chart.js}), whose
 * option object, the chart's whole description, is JSON from the server. Points are runs: every
 * series data item is an array (or an object with a {@code value} array) whose last element, or the
 * one at {@link #setIdDimension}, is the run id. Users select runs by brushing points (the option
 * needs a {@code brush} component, usually with {@code toolbox.feature.brush}) or by dragging
 * ranges on parallel-coordinate axes, and open one by clicking it. Option JSON cannot carry
 * functions: a {@code formatter} may be an ECharts string template or one of {@link Formatter}.
 * 360px high unless {@link #setHeight} says otherwise; as wide as its container.
 */
@Tag("dlab-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/chart.js")
public class Chart extends Component implements HasSize {
  private static final String IDS = "event.detail.ids";
  private static final String ID = "event.detail.id";

  /** Named formatters the browser side knows, for {@code "formatter"} values in an option. */
  public enum Formatter {
    /** Tooltips: series name, "run N", then each other value with its dimension's name. */
    RUN,
    /** Axis labels and values: 0.25 as "25%". */
    PERCENT,
    /** Axis labels and values: 12300 as "12.3K" (in the browser's locale). */
    COMPACT,
    /** Axis labels and values in seconds: "250 ms", "12 s", "3.5 min". */
    SECONDS;

    /** The string to put in an option, e.g. {@code "formatter": "dlab:run"}. */
    public String reference() {
      return "dlab:" + name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Replaces the chart's option with one given as JSON text.
   *
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public void setOption(String json) {
    JsonNode option;
    try {
      option = JsonMapper.shared().readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("a chart option must be JSON: " + e.getOriginalMessage());
    }
    setOption(option);
  }

  /**
   * Replaces the chart's option (it is not merged with the previous one) and clears the selection
   * in the browser without a selection event. The node is copied: later changes to it do not show.
   *
   * @throws IllegalArgumentException if the node is not a JSON object
   */
  public void setOption(JsonNode option) {
    if (option == null || !option.isObject()) {
      throw new IllegalArgumentException("a chart option must be a JSON object");
    }
    getElement().setPropertyJson("option", (ObjectNode) option.deepCopy());
  }

  /** The option last set, or null before any. */
  public JsonNode getOption() {
    return getElement().getPropertyRaw("option") instanceof JsonNode option
        ? option.deepCopy()
        : null;
  }

  /**
   * Where run ids sit in a data item: 0 for the first element, -1 (the default) for the last, -2
   * for the one before it.
   */
  public void setIdDimension(int index) {
    getElement().setAttribute("id-dimension", Integer.toString(index));
  }

  /**
   * Listens for the runs the user selects. The list is empty when the selection is cleared; it
   * comes once a brush or axis range stops moving, not for every pointer move.
   */
  public Registration addSelectionListener(Consumer<List<Long>> listener) {
    return getElement()
        .addEventListener(
            "selection-changed", event -> listener.accept(runIds(event.getEventData().get(IDS))))
        .addEventData(IDS);
  }

  /** Listens for clicks on points (or parallel-coordinate lines) that carry a run id. */
  public Registration addPointClickListener(Consumer<Long> listener) {
    return getElement()
        .addEventListener(
            "point-clicked",
            event -> runId(event.getEventData().get(ID)).ifPresent(listener::accept))
        .addEventData(ID);
  }

  /**
   * The run ids of a selection event; whatever is not a whole number that fits a long (only a
   * tampered page sends that) is left out.
   */
  static List<Long> runIds(JsonNode ids) {
    List<Long> runIds = new ArrayList<>();
    if (ids != null && ids.isArray()) {
      for (JsonNode id : ids) {
        runId(id).ifPresent(runIds::add);
      }
    }
    return List.copyOf(runIds);
  }

  /** The run id of a click event, if it is a whole number that fits a long. */
  static Optional<Long> runId(JsonNode id) {
    if (id == null || !id.isNumber()) {
      return Optional.empty();
    }
    OptionalLong value = id.longValueOpt();
    return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
  }
}
