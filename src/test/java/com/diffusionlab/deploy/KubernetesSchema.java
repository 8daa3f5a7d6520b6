package com.diffusionlab.deploy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a manifest into the Kubernetes API type of its kind, as strictly as the API server does.
 *
 * <p>The types are the official Kubernetes Java client's, generated from the Kubernetes OpenAPI
 * schema; reading one refuses a field the schema does not define (at any depth), a missing required
 * field, an object or list where the schema has another, and a value its type cannot parse. What
 * the reader would coerce silently (a string where a boolean belongs, a number where a string
 * belongs, an empty value) is caught by writing the object back and comparing it with the document:
 * a field that does not come back unchanged was not what the schema asks for.
 */
final class KubernetesSchema {

  private static final Map<String, Class<? extends KubernetesObject>> TYPES =
      Map.of(
          "v1 Namespace", V1Namespace.class,
          "v1 ConfigMap", V1ConfigMap.class,
          "v1 Secret", V1Secret.class,
          "v1 Service", V1Service.class,
          "v1 PersistentVolumeClaim", V1PersistentVolumeClaim.class,
          "apps/v1 Deployment", V1Deployment.class,
          "apps/v1 StatefulSet", V1StatefulSet.class,
          "networking.k8s.io/v1 Ingress", V1Ingress.class,
          "policy/v1 PodDisruptionBudget", V1PodDisruptionBudget.class);

  // Kubernetes reads a quantity ("2Gi", "1") from a JSON string or number; the type writes strings
  private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests");

  private static final String MODELS = V1Deployment.class.getPackageName() + ".";

  private KubernetesSchema() {}

  /**
   * @param document a YAML document as SnakeYAML's safe constructor builds it
   * @return the document as its Kubernetes type
   * @throws InvalidManifest naming each field that the schema refuses
   */
  static KubernetesObject read(Object document) {
    JsonElement written = toJson(document);
    if (!(written instanceof JsonObject object)) {
      throw new InvalidManifest(List.of("the document is not a mapping: " + written));
    }
    String type = text(object, "apiVersion") + " " + text(object, "kind");
    Class<? extends KubernetesObject> model = TYPES.get(type);
    if (model == null) {
      throw new InvalidManifest(
          List.of("no schema for '" + type + "'; known: " + String.join(", ", TYPES.keySet())));
    }
    KubernetesObject read;
    try {
      read = JSON.getGson().fromJson(object, model);
    } catch (RuntimeException refused) {
      throw new InvalidManifest(List.of(describe(refused)));
    }
    List<String> problems = new ArrayList<>();
    compare("", written, JSON.getGson().toJsonTree(read), problems);
    if (!problems.isEmpty()) {
      throw new InvalidManifest(problems);
    }
    return read;
  }

  /** Kinds this check knows, as {@code apiVersion kind}. */
  static Set<String> kinds() {
    return TYPES.keySet();
  }

  private static void compare(
      String path, JsonElement written, JsonElement read, List<String> out) {
    if (written.isJsonNull()) {
      out.add(path + ": empty value (write {} for an empty object)");
    } else if (read == null || read.isJsonNull()) {
      out.add(path + ": not a field of this type, or not of its type: " + written);
    } else if (written instanceof JsonObject object) {
      if (!(read instanceof JsonObject readObject)) {
        out.add(path + ": " + written + " is not an object");
        return;
      }
      for (Map.Entry<String, JsonElement> field : object.entrySet()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        compare(child, field.getValue(), readObject.get(field.getKey()), out);
      }
    } else if (written instanceof JsonArray array) {
      if (!(read instanceof JsonArray readArray) || readArray.size() != array.size()) {
        out.add(path + ": " + written + " is not a list of this type");
        return;
      }
      for (int i = 0; i < array.size(); i++) {
        compare(path + "[" + i + "]", array.get(i), readArray.get(i), out);
      }
    } else if (!written.equals(read) && !sameQuantity(path, written, read)) {
      out.add(path + ": " + written + " is not of this field's type (read as " + read + ")");
    }
  }

  private static boolean sameQuantity(String path, JsonElement written, JsonElement read) {
    String[] keys = path.split("\\.");
    return keys.length > 1
        && QUANTITY_MAPS.contains(keys[keys.length - 2])
        && written.getAsJsonPrimitive().isNumber()
        && read.getAsJsonPrimitive().isString()
        && written.getAsString().equals(read.getAsString());
  }

  /** SnakeYAML's maps, lists and scalars as JSON, keeping empty values (Gson would drop them). */
  private static JsonElement toJson(Object node) {
    return switch (node) {
      case null -> JsonNull.INSTANCE;
      case Map<?, ?> map -> {
        JsonObject object = new JsonObject();
        map.forEach((key, value) -> object.add(String.valueOf(key), toJson(value)));
        yield object;
      }
      case List<?> list -> {
        JsonArray array = new JsonArray();
        list.forEach(item -> array.add(toJson(item)));
        yield array;
      }
      case Number number -> new JsonPrimitive(number);
      case Boolean bool -> new JsonPrimitive(bool);
      default -> new JsonPrimitive(node.toString());
    };
  }

  private static String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "(no " + key + ")";
  }

  /** The reader's complaint, with the type that raised it (not all of its messages name it). */
  private static String describe(RuntimeException refused) {
    String message = String.valueOf(refused.getMessage());
    // the client appends the whole object to its messages; the field and type come before it
    int dump = message.indexOf(" JSON: ");
    String problem = dump < 0 ? message : message.substring(0, dump);
    String type =
        Arrays.stream(refused.getStackTrace())
            .map(StackTraceElement::getClassName)
            .filter(name -> name.startsWith(MODELS))
            .map(name -> name.substring(MODELS.length()).replaceFirst("\\$.*", ""))
            .findFirst()
            .orElse("the document");
    return "in " + type + ": " + problem;
  }

  /** A manifest that its kind's schema refuses, with every problem found. */
  static final class InvalidManifest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidManifest(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }
}
