package com.diffusionlab.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The deployment files of the repository, read as YAML with SnakeYAML's safe constructor. */
final class DeployFiles {

  static final Path KUBERNETES = Path.of("deploy/kubernetes");
  static final Path KUSTOMIZATION = KUBERNETES.resolve("kustomization.yaml");
  static final Path COMPOSE = Path.of("docker-compose.yml");

  private DeployFiles() {}

  /** Every document of a YAML file, empty ones left out. */
  static List<Object> documents(Path file) {
    List<Object> documents = new ArrayList<>();
    for (Object document : yaml().loadAll(read(file))) {
      if (document != null) {
        documents.add(document);
      }
    }
    return documents;
  }

  /** A YAML file of one mapping. */
  static Map<String, Object> mapping(Path file) {
    List<Object> documents = documents(file);
    if (documents.size() != 1 || !(documents.getFirst() instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(file + " is not one YAML mapping");
    }
    return stringKeys(map);
  }

  /** {@code KEY=value} lines as kustomize's secretGenerator reads an env file. */
  static Map<String, String> envFile(Path file) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String line : read(file).lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(file + ": '" + line + "' is not KEY=value");
      }
      entries.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }
    return entries;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A YAML mapping with its keys as text (YAML keys may be numbers or booleans). */
  static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((key, value) -> result.put(String.valueOf(key), value));
    return result;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    // docker-compose.yml shares its database settings through an anchor; nothing more is needed
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(30);
    options.setTagInspector(tag -> false);
    return new Yaml(new SafeConstructor(options));
  }
}
