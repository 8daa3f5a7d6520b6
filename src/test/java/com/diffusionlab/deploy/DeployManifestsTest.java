package com.diffusionlab.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (deploy/kubernetes) and docker-compose.yml: every manifest valid for the
 * schema of its kind, and the topology the README describes (web nodes behind a sticky ingress, GPU
 * workers, one PostgreSQL and one artifact volume shared by all, no secret outside a Secret).
 */
class DeployManifestsTest {

  private static final String NAMESPACE = "diffusion-lab";
  private static final String SECRET = "diffusion-lab-secrets";
  private static final String WEB = "diffusion-lab-web";
  private static final String WORKER = "diffusion-lab-worker";
  private static final String GPU = "nvidia.com/gpu";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE).*");

  /** A manifest document read into its Kubernetes type. */
  private record Manifest(Path file, KubernetesObject object) {}

  @Test
  void everyManifestIsValidForTheSchemaOfItsKind() {
    List<String> problems = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (Path file : kustomizationResources()) {
      List<Object> documents = DeployFiles.documents(file);
      for (int i = 0; i < documents.size(); i++) {
        try {
          KubernetesObject object = KubernetesSchema.read(documents.get(i));
          kinds.add(object.getApiVersion() + " " + object.getKind());
        } catch (KubernetesSchema.InvalidManifest invalid) {
          String where = file + " document " + (i + 1) + ": ";
          invalid.problems().forEach(problem -> problems.add(where + problem));
        }
      }
    }

    assertThat(problems).isEmpty();
    // every kind the check knows is used (the Secret comes from kustomize's secretGenerator)
    assertThat(kinds)
        .containsAll(
            KubernetesSchema.kinds().stream().filter(k -> !k.equals("v1 Secret")).toList());
  }

  @Test
  void theSchemaCheckRefusesMisspeltFieldsWrongTypesAndUnknownKinds() {
    assertThatThrownBy(
            () ->
                KubernetesSchema.read(
                    webWith(List.of("containers", 0), "imagePullPolicyy", "Always")))
        .hasMessageContaining("`imagePullPolicyy`")
        .hasMessageContaining("V1Container");
    assertThatThrownBy(
            () ->
                KubernetesSchema.read(webWith(List.of(), "terminationGracePeriodSeconds", "sixty")))
        .hasMessageContaining("in V1PodSpec: ")
        .hasMessageContaining("sixty");
    assertThatThrownBy(
            () -> KubernetesSchema.read(webWith(List.of(), "automountServiceAccountToken", "no")))
        .hasMessageContaining("spec.template.spec.automountServiceAccountToken: \"no\"");
    assertThatThrownBy(() -> KubernetesSchema.read(webWith(List.of(), "volumes", "data")))
        .hasMessageContaining("in V1PodSpec: ")
        .hasMessageContaining("JsonPrimitive cannot be cast to class com.google.gson.JsonArray");
    assertThatThrownBy(
            () -> KubernetesSchema.read(webWith(List.of("containers", 0), "args", List.of(7))))
        .hasMessageContaining("spec.template.spec.containers[0].args[0]: 7");
    assertThatThrownBy(
            () ->
                KubernetesSchema.read(webWith(List.of("securityContext"), "seccompProfile", null)))
        .hasMessageContaining("spec.template.spec.securityContext.seccompProfile: empty value");

    Map<String, Object> cronJob = DeployFiles.stringKeys(webDocument());
    cronJob.put("kind", "CronJob");
    assertThatThrownBy(() -> KubernetesSchema.read(cronJob))
        .hasMessageContaining("no schema for 'apps/v1 CronJob'");
  }

  @Test
  void kustomizationListsEveryManifestAndKeepsThePasswordsOutOfGit() throws IOException {
    Map<String, Object> kustomization = DeployFiles.mapping(DeployFiles.KUSTOMIZATION);
    List<Path> manifests;
    try (Stream<Path> files = Files.list(DeployFiles.KUBERNETES)) {
      manifests =
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .filter(f -> !f.equals(DeployFiles.KUSTOMIZATION))
              .toList();
    }
    assertThat(kustomizationResources()).containsExactlyInAnyOrderElementsOf(manifests);
    assertThat(kustomization.get("namespace")).isEqualTo(NAMESPACE);
    assertThat(manifests(V1Namespace.class))
        .extracting(n -> n.getMetadata().getName())
        .containsExactly(NAMESPACE);
    for (Manifest manifest : manifests()) {
      if (!(manifest.object() instanceof V1Namespace)) {
        assertThat(manifest.object().getMetadata().getNamespace())
            .as(manifest.file() + ": " + manifest.object().getMetadata().getName())
            .isEqualTo(NAMESPACE);
      }
    }

    Map<String, Object> generator =
        DeployFiles.stringKeys((Map<?, ?>) list(kustomization, "secretGenerator").getFirst());
    assertThat(generator.get("name")).isEqualTo(SECRET);
    assertThat(generator.get("envs")).isEqualTo(List.of("secrets.env"));
    assertThat(DeployFiles.read(Path.of(".gitignore")).lines())
        .contains("deploy/kubernetes/secrets.env");
    Map<String, String> example = secretsExample();
    assertThat(secretKeysUsed()).allSatisfy(key -> assertThat(example).containsKey(key));
    // the example holds placeholders, never a usable password
    example.entrySet().stream()
        .filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
        .forEach(e -> assertThat(e.getValue()).as(e.getKey()).startsWith("replace-with-"));
  }

  @Test
  void webNodesAreReadyOnTheReadinessEndpointBehindAStickyIngress() {
    V1Deployment web = named(V1Deployment.class, WEB);
    V1Container container = onlyContainer(web.getSpec().getTemplate());
    assertThat(web.getSpec().getReplicas()).isEqualTo(2);
    assertThat(container.getArgs()).containsExactly("serve");
    V1Probe readiness = container.getReadinessProbe();
    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/api/v1/ready");
    String port = readiness.getHttpGet().getPort().getStrValue();
    assertThat(container.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
    assertThat(container.getLivenessProbe()).isNotNull();
    assertThat(resources(container)).doesNotContainKey(GPU);

    V1Service service = named(V1Service.class, WEB);
    assertThat(selects(service.getSpec().getSelector(), web.getSpec().getTemplate())).isTrue();
    assertThat(selects(service.getSpec().getSelector(), worker().getSpec().getTemplate()))
        .isFalse();
    assertThat(service.getSpec().getPorts())
        .anySatisfy(p -> assertThat(p.getTargetPort().getStrValue()).isEqualTo(port));

    V1Ingress ingress = onlyOne(V1Ingress.class);
    var backend =
        ingress
            .getSpec()
            .getRules()
            .getFirst()
            .getHttp()
            .getPaths()
            .getFirst()
            .getBackend()
            .getService();
    assertThat(backend.getName()).isEqualTo(WEB);
    assertThat(service.getSpec().getPorts())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(backend.getPort().getName()));
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
        .containsEntry("nginx.ingress.kubernetes.io/affinity-mode", "persistent")
        .containsKey("nginx.ingress.kubernetes.io/session-cookie-name");
  }

  @Test
  void workersRunOnGpuNodesAndStopGracefully() {
    V1Deployment worker = worker();
    V1PodSpec pod = worker.getSpec().getTemplate().getSpec();
    V1Container container = onlyContainer(worker.getSpec().getTemplate());
    assertThat(container.getArgs()).containsExactly("worker");
    assertThat(container.getResources().getLimits()).containsEntry(GPU, new Quantity("1"));
    assertThat(pod.getNodeSelector()).isNotEmpty();
    assertThat(pod.getTolerations()).extracting(V1Toleration::getKey).contains(GPU);
    assertThat(env(container)).containsEntry("DLAB_DEVICE", "gpu").containsKey("DLAB_WORKER_SLOTS");
    // long enough for a running generation to end before the worker is killed
    assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(300L);
    // an update needs no spare GPU
    assertThat(worker.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntValue())
        .isZero();

    List<V1PodDisruptionBudget> budgets =
        manifests(V1PodDisruptionBudget.class).stream()
            .filter(b -> selects(b.getSpec().getSelector(), worker.getSpec().getTemplate()))
            .toList();
    assertThat(budgets)
        .singleElement()
        .satisfies(b -> assertThat(b.getSpec().getMaxUnavailable().getIntValue()).isEqualTo(1));
  }

  @Test
  void webNodesAndWorkersShareImageDatabaseAndArtifactVolume() {
    List<V1PodTemplateSpec> pods =
        List.of(
            named(V1Deployment.class, WEB).getSpec().getTemplate(),
            worker().getSpec().getTemplate());
    Map<String, String> config = named(V1ConfigMap.class, "diffusion-lab-config").getData();
    String artifacts = config.get("DLAB_DATA_DIR") + "/artifacts";
    String image = imageName();

    List<String> claims = new ArrayList<>();
    for (V1PodTemplateSpec pod : pods) {
      V1Container container = onlyContainer(pod);
      assertThat(container.getImage()).isEqualTo(image);
      assertThat(container.getEnvFrom())
          .extracting(V1EnvFromSource::getConfigMapRef)
          .filteredOn(Objects::nonNull)
          .extracting(ref -> ref.getName())
          .containsExactly("diffusion-lab-config");
      V1VolumeMount mount =
          container.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals(artifacts))
              .findFirst()
              .orElseThrow();
      V1Volume volume =
          pod.getSpec().getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow();
      claims.add(volume.getPersistentVolumeClaim().getClaimName());
    }
    assertThat(claims).containsOnly("artifacts");
    assertThat(named(V1PersistentVolumeClaim.class, "artifacts").getSpec().getAccessModes())
        .containsExactly("ReadWriteMany");

    // the one database: the bundled PostgreSQL's service, in the postgres profile
    assertThat(config)
        .containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
        .containsEntry("DLAB_WEB_WORKER", "false");
    V1Service database = named(V1Service.class, "postgres");
    assertThat(config.get("DLAB_DB_URL"))
        .isEqualTo(
            "jdbc:postgresql://"
                + database.getMetadata().getName()
                + ":"
                + database.getSpec().getPorts().getFirst().getPort()
                + "/diffusionlab");
    assertThat(
            selects(
                database.getSpec().getSelector(),
                named(V1StatefulSet.class, "postgres").getSpec().getTemplate()))
        .isTrue();
  }

  @Test
  void secretsAreOnlyInTheSecret() {
    Map<String, String> example = secretsExample();
    for (V1ConfigMap configMap : manifests(V1ConfigMap.class)) {
      configMap
          .getData()
          .forEach(
              (key, value) -> {
                assertThat(key).as(configMap.getMetadata().getName()).doesNotMatch(SECRET_NAME);
                assertThat(example.values()).as(key).doesNotContain(value);
                assertThat(value).as(key).doesNotContainIgnoringCase("password=");
              });
    }
    for (V1Container container : containers()) {
      for (V1EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
        if (SECRET_NAME.matcher(variable.getName()).matches()) {
          assertThat(variable.getValue()).as(variable.getName()).isNull();
          assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo(SECRET);
        }
      }
    }
  }

  @Test
  void everyPodRunsAsNonRootWithoutPrivilegesAndWithinLimits() {
    for (V1PodTemplateSpec template : podTemplates()) {
      V1PodSpec pod = template.getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getAutomountServiceAccountToken()).isFalse();
      for (V1Container container : pod.getContainers()) {
        var security = container.getSecurityContext();
        assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
      }
    }
  }

  @Test
  void composeAddsAGpuWorkerOnTheAppsDatabaseAndDataVolume() {
    Map<String, Object> services = map(DeployFiles.mapping(DeployFiles.COMPOSE), "services");
    Map<String, Object> app = map(services, "app");
    Map<String, Object> worker = map(services, "worker");

    // the plain `docker compose up` stays as it was; the worker needs `--profile gpu`
    assertThat(app).doesNotContainKey("profiles");
    assertThat(app.get("command")).isEqualTo(List.of("serve", "--postgres"));
    assertThat(worker.get("profiles")).isEqualTo(List.of("gpu"));
    assertThat(worker.get("command")).isEqualTo(List.of("worker"));
    assertThat(worker.get("image")).isEqualTo(app.get("image"));
    assertThat(worker.get("build")).isEqualTo(app.get("build"));

    Map<String, Object> appEnvironment = map(app, "environment");
    Map<String, Object> workerEnvironment = map(worker, "environment");
    assertThat(workerEnvironment.get("DLAB_DB_URL"))
        .isEqualTo(appEnvironment.get("DLAB_DB_URL"))
        .isNotNull();
    assertThat(workerEnvironment)
        .containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
        .containsEntry("DLAB_DEVICE", "gpu");
    String dataVolume =
        list(app, "volumes").stream()
            .map(String::valueOf)
            .filter(v -> v.endsWith(":/data"))
            .findFirst()
            .orElseThrow();
    assertThat(list(worker, "volumes")).contains(dataVolume);

    List<Object> devices =
        list(map(map(map(worker, "deploy"), "resources"), "reservations"), "devices");
    assertThat(devices)
        .anySatisfy(
            device -> {
              assertThat(map(device).get("driver")).isEqualTo("nvidia");
              assertThat(list(map(device), "capabilities")).contains("gpu");
            });
  }

  private static List<Path> kustomizationResources() {
    return list(DeployFiles.mapping(DeployFiles.KUSTOMIZATION), "resources").stream()
        .map(resource -> DeployFiles.KUBERNETES.resolve(String.valueOf(resource)))
        .toList();
  }

  private static List<Manifest> manifests() {
    List<Manifest> manifests = new ArrayList<>();
    for (Path file : kustomizationResources()) {
      DeployFiles.documents(file)
          .forEach(d -> manifests.add(new Manifest(file, KubernetesSchema.read(d))));
    }
    return manifests;
  }

  private static <T> List<T> manifests(Class<T> type) {
    return manifests().stream()
        .map(Manifest::object)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static <T extends KubernetesObject> T named(Class<T> type, String name) {
    return manifests(type).stream()
        .filter(object -> object.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
  }

  private static <T> T onlyOne(Class<T> type) {
    List<T> objects = manifests(type);
    assertThat(objects).hasSize(1);
    return objects.getFirst();
  }

  private static V1Deployment worker() {
    return named(V1Deployment.class, WORKER);
  }

  private static List<V1PodTemplateSpec> podTemplates() {
    List<V1PodTemplateSpec> templates = new ArrayList<>();
    manifests(V1Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
    manifests(V1StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
    return templates;
  }

  private static List<V1Container> containers() {
    return podTemplates().stream().flatMap(t -> t.getSpec().getContainers().stream()).toList();
  }

  private static V1Container onlyContainer(V1PodTemplateSpec template) {
    assertThat(template.getSpec().getContainers()).hasSize(1);
    return template.getSpec().getContainers().getFirst();
  }

  private static Map<String, Quantity> resources(V1Container container) {
    Map<String, Quantity> all = new HashMap<>();
    Optional.ofNullable(container.getResources().getRequests()).ifPresent(all::putAll);
    Optional.ofNullable(container.getResources().getLimits()).ifPresent(all::putAll);
    return all;
  }

  private static Map<String, String> env(V1Container container) {
    Map<String, String> values = new HashMap<>();
    container.getEnv().stream()
        .filter(v -> v.getValue() != null)
        .forEach(v -> values.put(v.getName(), v.getValue()));
    return values;
  }

  private static boolean selects(Map<String, String> selector, V1PodTemplateSpec template) {
    return template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet());
  }

  private static boolean selects(V1LabelSelector selector, V1PodTemplateSpec template) {
    return selects(selector.getMatchLabels(), template);
  }

  /** The keys of the Secret that pods read, by secretKeyRef. */
  private static List<String> secretKeysUsed() {
    return containers().stream()
        .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream())
        .filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
        .map(v -> v.getValueFrom().getSecretKeyRef().getKey())
        .toList();
  }

  private static Map<String, String> secretsExample() {
    return DeployFiles.envFile(DeployFiles.KUBERNETES.resolve("secrets.env.example"));
  }

  private static String imageName() {
    Map<String, Object> kustomization = DeployFiles.mapping(DeployFiles.KUSTOMIZATION);
    return String.valueOf(map(list(kustomization, "images").getFirst()).get("name"));
  }

  /** The web Deployment's document with one field of its pod spec (or below it) replaced. */
  private static Map<String, Object> webWith(List<Object> path, String field, Object value) {
    Map<String, Object> document = webDocument();
    Object node = map(map(map(document, "spec"), "template"), "spec");
    for (Object step : path) {
      node = step instanceof Integer index ? ((List<?>) node).get(index) : map(node).get(step);
    }
    map(node).put(field, value);
    return document;
  }

  private static Map<String, Object> webDocument() {
    return DeployFiles.documents(DeployFiles.KUBERNETES.resolve("web.yaml")).stream()
        .map(DeployManifestsTest::map)
        .filter(d -> "Deployment".equals(d.get("kind")))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertThat(node).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return map(parent.get(key));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String key) {
    assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
    return (List<Object>) parent.get(key);
  }
}
