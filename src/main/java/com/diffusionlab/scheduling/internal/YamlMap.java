package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.SweepDefinitionException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** A YAML map's values by key, once every key has been checked to be allowed and given once. */
final class YamlMap {

  private final Node node;
  private final String path;
  private final Map<String, Node> values;

  private YamlMap(Node node, String path, Map<String, Node> values) {
    this.node = node;
    this.path = path;
    this.values = values;
  }

  /**
   * @param key the map's own key path ("" for the document)
   * @param expected what the map should be, for the error when it is not a map
   * @param allowed its allowed keys, in the order people read them
   * @param unknownKeyHint added to the error for an unknown key, e.g. a likely cause; or ""
   * @throws SweepDefinitionException for a node that is not a map, a key that is not a plain word,
   *     an unknown key or one given twice
   */
  static YamlMap of(
      Node node, String key, String expected, List<String> allowed, String unknownKeyHint) {
    if (!(node instanceof MappingNode map)) {
      throw key.isEmpty()
          ? SweepDefinitionException.document(
              YamlNodes.line(node),
              "the definition is " + YamlNodes.describe(node) + "; expected " + expected)
          : SweepDefinitionException.misplaced(
              YamlNodes.line(node),
              key,
              YamlNodes.describe(node),
              "is " + YamlNodes.describe(node),
              "expected " + expected);
    }
    YamlNodes.checkTag(node, key.isEmpty() ? "yaml" : key, Set.of(Tag.MAP));
    String prefix = key.isEmpty() ? "" : key + ".";
    Map<String, Node> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    for (NodeTuple entry : map.getValue()) {
      Node keyNode = entry.getKeyNode();
      String written = keyNode instanceof ScalarNode scalar ? scalar.getValue() : "?";
      String name = YamlNodes.text(keyNode, prefix + written, "a plain word as the key");
      int line = YamlNodes.line(keyNode);
      if (name == null || !allowed.contains(name)) {
        throw SweepDefinitionException.misplaced(
            line,
            prefix + name,
            String.valueOf(name),
            "is unknown",
            "allowed keys: " + String.join(", ", allowed) + unknownKeyHint);
      }
      if (lines.containsKey(name)) {
        throw SweepDefinitionException.misplaced(
            line,
            prefix + name,
            name,
            "is given twice",
            "first on line " + lines.get(name) + "; give each key once");
      }
      lines.put(name, line);
      values.put(name, entry.getValueNode());
    }
    return new YamlMap(node, prefix, values);
  }

  /** The value of a key, when given. */
  Optional<Node> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * @param what what the key holds, for the error when it is missing
   * @throws SweepDefinitionException at the map's line when the key is missing
   */
  Node require(String key, String what) {
    Node value = values.get(key);
    if (value == null) {
      throw missing(key, what);
    }
    return value;
  }

  private SweepDefinitionException missing(String key, String what) {
    return SweepDefinitionException.misplaced(
        YamlNodes.line(node), path(key), "", "is missing", "expected " + what);
  }

  /** The key path of one of this map's keys, e.g. {@code x.values}. */
  String path(String key) {
    return path + key;
  }

  /** The given keys, in document order. */
  Set<String> keys() {
    return values.keySet();
  }
}
