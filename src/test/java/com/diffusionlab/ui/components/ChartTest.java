package com.diffusionlab.ui.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ChartTest {

  private static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }

  private static void fire(Chart chart, String type, String eventData) {
    chart
        .getElement()
        .getNode()
        .getFeature(ElementListenerMap.class)
        .fireEvent(new DomEvent(chart.getElement(), type, json(eventData)));
  }

  @Test
  void anOptionGoesToTheBrowserAsAnObject() {
    Chart chart = new Chart();
    chart.setOption("{\"series\": [{\"type\": \"scatter\", \"data\": [[1, 2, 7]]}]}");

    assertThat(chart.getOption())
        .isEqualTo(json("{\"series\":[{\"type\":\"scatter\",\"data\":[[1,2,7]]}]}"));
    assertThat(chart.getElement().getPropertyRaw("option")).isInstanceOf(ObjectNode.class);
  }

  @Test
  void anOptionIsCopiedSoLaterChangesDoNotLeakIn() {
    Chart chart = new Chart();
    ObjectNode option = (ObjectNode) json("{\"title\": {\"text\": \"PSNR\"}}");
    chart.setOption(option);
    option.put("animation", false);

    assertThat(chart.getOption()).isEqualTo(json("{\"title\": {\"text\": \"PSNR\"}}"));
  }

  @Test
  void anOptionMustBeAJsonObject() {
    Chart chart = new Chart();
    assertThatThrownBy(() -> chart.setOption("{\"series\": ["))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chart.setOption("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chart.setOption("12")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chart.setOption((JsonNode) null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(chart.getOption()).isNull();
  }

  @Test
  void formattersAreNamedForTheBrowser() {
    assertThat(Chart.Formatter.RUN.reference()).isEqualTo("dlab:run");
    assertThat(Chart.Formatter.PERCENT.reference()).isEqualTo("dlab:percent");
    assertThat(Chart.Formatter.COMPACT.reference()).isEqualTo("dlab:compact");
    assertThat(Chart.Formatter.SECONDS.reference()).isEqualTo("dlab:seconds");
  }

  @Test
  void theIdDimensionIsAnAttribute() {
    Chart chart = new Chart();
    chart.setIdDimension(0);
    assertThat(chart.getElement().getAttribute("id-dimension")).isEqualTo("0");
    chart.setIdDimension(-2);
    assertThat(chart.getElement().getAttribute("id-dimension")).isEqualTo("-2");
  }

  @Test
  void runIdsKeepWholeNumbersOnly() {
    assertThat(Chart.runIds(json("[3, 12, 7]"))).containsExactly(3L, 12L, 7L);
    assertThat(Chart.runIds(json("[9007199254740991]"))).containsExactly(9007199254740991L);
    assertThat(Chart.runIds(json("[\"4\", 1.5, 1e30, null, true, {}, 5]"))).containsExactly(5L);
    assertThat(Chart.runIds(json("{\"ids\": [1]}"))).isEmpty();
    assertThat(Chart.runIds(null)).isEmpty();
  }

  @Test
  void aSelectionEventReachesTheListenerAsRunIds() {
    Chart chart = new Chart();
    List<List<Long>> selections = new ArrayList<>();
    chart.addSelectionListener(selections::add);

    fire(chart, "selection-changed", "{\"event.detail.ids\": [21, 4]}");
    fire(chart, "selection-changed", "{\"event.detail.ids\": []}");

    assertThat(selections).containsExactly(List.of(21L, 4L), List.of());
  }

  @Test
  void aClickReachesTheListenerOnlyWithAWholeNumber() {
    Chart chart = new Chart();
    List<Long> clicks = new ArrayList<>();
    chart.addPointClickListener(clicks::add);

    fire(chart, "point-clicked", "{\"event.detail.id\": 12}");
    fire(chart, "point-clicked", "{\"event.detail.id\": \"13\"}");
    fire(chart, "point-clicked", "{\"event.detail.id\": 1.5}");
    fire(chart, "point-clicked", "{}");

    assertThat(clicks).containsExactly(12L);
  }

  @Test
  void listenersCanBeRemoved() {
    Chart chart = new Chart();
    List<List<Long>> selections = new ArrayList<>();
    chart.addSelectionListener(selections::add).remove();

    fire(chart, "selection-changed", "{\"event.detail.ids\": [1]}");

    assertThat(selections).isEmpty();
  }
}
