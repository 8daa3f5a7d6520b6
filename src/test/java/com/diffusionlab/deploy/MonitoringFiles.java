package com.diffusionlab.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files of the repository (deploy/monitoring): Prometheus' configuration and alert
 * rules, Grafana's provisioning and dashboard, and the queries in them.
 */
public final class MonitoringFiles {

  public static final Path FOLDER = Path.of("deploy/monitoring");
  public static final Path PROMETHEUS = FOLDER.resolve("prometheus.yml");
  public static final Path ALERTS = FOLDER.resolve("alerts.yml");
  public static final Path GRAFANA = FOLDER.resolve("grafana");
  public static final Path DASHBOARD = GRAFANA.resolve("dashboards/diffusion-lab.json");

  /** A series name of the application's own: what the app must export for a query to work. */
  private static final Pattern APPLICATION_METRIC = Pattern.compile("\\bdlab_[a-z0-9_]+");

  private MonitoringFiles() {}

  /** Every alert rule of {@link #ALERTS}, each as its YAML mapping. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> alertRules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Object group : (List<Object>) DeployFiles.mapping(ALERTS).get("groups")) {
      rules.addAll((List<Map<String, Object>>) ((Map<String, Object>) group).get("rules"));
    }
    return rules;
  }

  /** The dashboard as JSON. */
  public static JsonNode dashboard() {
    try {
      return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every PromQL expression of the alert rules and of the dashboard's panels. */
  public static List<String> queries() {
    List<String> queries = new ArrayList<>();
    alertRules().forEach(rule -> queries.add(rule.get("expr").toString()));
    for (JsonNode panel : dashboard().get("panels")) {
      if (panel.has("targets")) {
        panel.get("targets").forEach(target -> queries.add(target.get("expr").asString()));
      }
    }
    return queries;
  }

  /** The application's series ({@code dlab_…}) that the queries read. */
  public static Set<String> applicationMetrics() {
    Set<String> names = new TreeSet<>();
    for (String query : queries()) {
      Matcher matcher = APPLICATION_METRIC.matcher(query);
      while (matcher.find()) {
        names.add(matcher.group());
      }
    }
    return names;
  }
}
