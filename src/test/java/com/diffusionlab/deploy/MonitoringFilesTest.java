package com.diffusionlab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * deploy/monitoring and the compose services that use it: the alert rules the README promises, a
 * Prometheus that scrapes the app where it serves its metrics with an administrator's account read
 * from files, a provisioned dashboard whose every panel queries the application's metrics on the
 * provisioned data source, and compose mounts that point at these files. Whether the series the
 * queries read exist is checked against a real scrape ({@code MetricsIT}).
 */
class MonitoringFilesTest {

  private static final Pattern DURATION = Pattern.compile("\\d+[smhd]");

  @Test
  void theAlertRulesCoverWhatTheReadmePromisesAndAreComplete() {
    List<Map<String, Object>> rules = MonitoringFiles.alertRules();
    assertThat(rules)
        .extracting(rule -> rule.get("alert"))
        .contains(
            "DlabQueueWaitTooLong",
            "DlabNoRespondingWorker",
            "DlabRunFailureRate",
            "DlabSignInFailureSpike",
            "DlabQuotaNearlyExhausted")
        .doesNotHaveDuplicates();
    for (Map<String, Object> rule : rules) {
      String name = String.valueOf(rule.get("alert"));
      assertThat(rule.get("expr")).as(name).isInstanceOf(String.class);
      assertThat(balanced(rule.get("expr").toString())).as(name + " parentheses").isTrue();
      assertThat(String.valueOf(rule.get("for"))).as(name).matches(DURATION);
      assertThat(map(rule, "labels")).as(name).containsKey("severity");
      assertThat(map(rule, "annotations")).as(name).containsKey("summary");
    }
  }

  @Test
  void prometheusScrapesTheAppAndTheWorkerWithAnAccountReadFromFiles() {
    Map<String, Object> config = DeployFiles.mapping(MonitoringFiles.PROMETHEUS);
    Map<String, Object> prometheus = service("prometheus");
    assertThat(list(config, "rule_files"))
        .containsExactly(mountTarget(prometheus, MonitoringFiles.ALERTS));
    assertThat(mountTarget(prometheus, MonitoringFiles.PROMETHEUS))
        .isEqualTo("/etc/prometheus/prometheus.yml");

    List<String> targets = new ArrayList<>();
    for (Object job : list(config, "scrape_configs")) {
      Map<String, Object> scrape = DeployFiles.stringKeys((Map<?, ?>) job);
      assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
      Map<String, Object> auth = map(scrape, "basic_auth");
      assertThat(auth).containsOnlyKeys("username_file", "password_file");
      for (Object entry : list(scrape, "static_configs")) {
        list(DeployFiles.stringKeys((Map<?, ?>) entry), "targets")
            .forEach(target -> targets.add(target.toString()));
      }
    }
    String workerPort =
        String.valueOf(map(service("worker"), "environment").get("DLAB_METRICS_PORT"));
    assertThat(targets).containsExactlyInAnyOrder("app:8080", "worker:" + workerPort);
    // the files are written from the environment when the container starts
    String entrypoint =
        String.join(" ", list(prometheus, "entrypoint").stream().map(String::valueOf).toList());
    assertThat(entrypoint).contains("/tmp/dlab/user", "/tmp/dlab/password");
  }

  @Test
  void theDashboardIsProvisionedAndEveryPanelQueriesTheApplicationsMetrics() {
    Map<String, Object> grafana = service("grafana");
    Path provisioning = MonitoringFiles.GRAFANA.resolve("provisioning");
    assertThat(mountTarget(grafana, provisioning)).isEqualTo("/etc/grafana/provisioning");
    Map<String, Object> source =
        DeployFiles.stringKeys(
            (Map<?, ?>)
                list(
                        DeployFiles.mapping(provisioning.resolve("datasources/prometheus.yml")),
                        "datasources")
                    .getFirst());
    assertThat(source.get("url")).isEqualTo("http://prometheus:9090");
    Map<String, Object> provider =
        DeployFiles.stringKeys(
            (Map<?, ?>)
                list(
                        DeployFiles.mapping(provisioning.resolve("dashboards/diffusion-lab.yml")),
                        "providers")
                    .getFirst());
    assertThat(map(provider, "options").get("path"))
        .isEqualTo(mountTarget(grafana, MonitoringFiles.DASHBOARD.getParent()));

    JsonNode dashboard = MonitoringFiles.dashboard();
    assertThat(dashboard.get("uid").asString()).isEqualTo("diffusion-lab");
    int panels = 0;
    for (JsonNode panel : dashboard.get("panels")) {
      if (panel.get("type").asString().equals("row")) {
        continue;
      }
      panels++;
      String title = panel.get("title").asString();
      assertThat(panel.get("datasource").get("uid").asString())
          .as(title)
          .isEqualTo(source.get("uid"));
      assertThat(panel.get("targets")).as(title).isNotEmpty();
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asString();
        assertThat(expr).as(title).contains("dlab_");
        assertThat(balanced(expr)).as(title + ": " + expr).isTrue();
      }
    }
    assertThat(panels).isGreaterThanOrEqualTo(10);
    assertThat(MonitoringFiles.applicationMetrics())
        .as("the metrics the README's table lists, as Prometheus names their series")
        .contains(
            "dlab_queue_jobs",
            "dlab_queue_wait_seconds_bucket",
            "dlab_job_duration_seconds_bucket",
            "dlab_job_step_seconds_bucket",
            "dlab_node_busy_ratio",
            "dlab_device_memory_used_bytes",
            "dlab_run_failures_total",
            "dlab_estimate_error_ratio_bucket",
            "dlab_session_quota_used_ratio",
            "dlab_sign_in_failures_total");
  }

  @Test
  void prometheusAndGrafanaComeOnlyWithTheMonitoringProfileAndListenOnThisMachineOnly() {
    for (String name : List.of("prometheus", "grafana")) {
      Map<String, Object> service = service(name);
      assertThat(service.get("profiles")).as(name).isEqualTo(List.of("monitoring"));
      assertThat(list(service, "ports"))
          .as(name)
          .allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
      for (Object volume : list(service, "volumes")) {
        String source = volume.toString().split(":")[0];
        if (source.startsWith("./")) {
          assertThat(Path.of(source)).as(name + " mounts " + source).exists();
        }
      }
    }
  }

  private static boolean balanced(String expression) {
    int depth = 0;
    for (char c : expression.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  private static Map<String, Object> service(String name) {
    return map(map(DeployFiles.mapping(DeployFiles.COMPOSE), "services"), name);
  }

  /** Where a compose service mounts {@code file} of the repository. */
  private static String mountTarget(Map<String, Object> service, Path file) {
    String source = "./" + file.toString().replace('\\', '/');
    return list(service, "volumes").stream()
        .map(String::valueOf)
        .filter(v -> v.startsWith(source + ":"))
        .map(v -> v.split(":")[1])
        .findFirst()
        .orElseThrow(() -> new AssertionError(source + " is not mounted"));
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return DeployFiles.stringKeys((Map<?, ?>) value);
  }

  private static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(List.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) value;
    return list;
  }
}
