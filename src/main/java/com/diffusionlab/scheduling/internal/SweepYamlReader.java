package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.scheduling.SweepAxis;
import com.diffusionlab.scheduling.SweepDefinition;
import com.diffusionlab.scheduling.SweepDefinitionException;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.SettingField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a sweep definition from YAML by walking the composed nodes, so that every error names its
 * line, its key and what is allowed there.
 */
public final class SweepYamlReader {

  static final String NAME = "name";
  static final String EXPERIMENT = "experiment";
  static final String DESCRIPTION = "description";
  static final String SESSION = "session";
  static final String BASE = "base";
  static final String FIELD = "field";
  static final String VALUES = "values";
  private static final List<String> AXES = List.of("x", "y", "z");
  private static final List<String> KEYS =
      Stream.concat(Stream.of(NAME, EXPERIMENT, DESCRIPTION, SESSION, BASE), AXES.stream())
          .toList();

  private static final String AXIS_MAP =
      "a map with field and values, e.g. {field: steps, values: \"10-30 (+10)\"}";
  private static final String NAME_RULE =
      "1 to " + SweepDefinition.MAX_NAME + " characters, no control characters";

  private SweepYamlReader() {}

  /**
   * @throws SweepDefinitionException naming the line, the key and what is allowed
   */
  public static SweepDefinition read(String yaml) {
    Node root = SafeYaml.compose(yaml);
    if (root == null) {
      throw SweepDefinitionException.document(
          1, "the definition is empty; expected a map with name, base and x");
    }
    YamlMap top = YamlMap.of(root, "", "a map with name, base and x", KEYS, "");
    String name = name(NAME, top.require(NAME, "the sweep's name, " + NAME_RULE));
    String experiment = top.get(EXPERIMENT).map(node -> name(EXPERIMENT, node)).orElse(name);
    String description = top.get(DESCRIPTION).map(SweepYamlReader::description).orElse(null);
    Long session = top.get(SESSION).map(SweepYamlReader::session).orElse(null);
    Node baseNode = top.get(BASE).orElse(root);
    GenerationSettings base =
        top.get(BASE).map(SweepYamlReader::base).orElse(GenerationSettings.of(null, null));

    Map<String, SweepAxis> axes = new LinkedHashMap<>();
    Map<String, Node> axisNodes = new LinkedHashMap<>();
    for (String key : AXES) {
      Node node = key.equals("x") ? top.require(key, AXIS_MAP) : top.get(key).orElse(null);
      if (node != null) {
        axes.put(key, axis(key, node, base, axes));
        axisNodes.put(key, node);
      }
    }
    checkPrompt(baseNode, base, axes.values());
    checkCells(axes, axisNodes);
    return new SweepDefinition(
        name, experiment, description, session, base, axes.get("x"), axes.get("y"), axes.get("z"));
  }

  private static String name(String key, Node node) {
    String text = YamlNodes.text(node, key, "a name");
    String name = text == null ? "" : text.strip();
    if (name.isEmpty()
        || name.length() > SweepDefinition.MAX_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      throw SweepDefinitionException.refused(YamlNodes.line(node), key, shortened(name), NAME_RULE);
    }
    return name;
  }

  private static String description(Node node) {
    String text = YamlNodes.text(node, DESCRIPTION, "Markdown text");
    if (text != null && text.length() > SweepDefinition.MAX_DESCRIPTION) {
      throw SweepDefinitionException.refused(
          YamlNodes.line(node),
          DESCRIPTION,
          text.length() + " characters",
          "Markdown of at most " + SweepDefinition.MAX_DESCRIPTION + " characters");
    }
    return text;
  }

  private static Long session(Node node) {
    String text = YamlNodes.text(node, SESSION, "a session id");
    if (text == null) {
      return null;
    }
    try {
      long id = Long.parseLong(text.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below, like a number that is not positive
    }
    throw SweepDefinitionException.refused(
        YamlNodes.line(node), SESSION, text, "a positive whole number: a playground session id");
  }

  private static GenerationSettings base(Node node) {
    List<String> names =
        GenerationFields.names().stream()
            .filter(name -> !name.equals(GenerationFields.MODEL_NAME))
            .toList();
    YamlMap map = YamlMap.of(node, BASE, "a map of settings, e.g. {steps: 20, cfg: 3}", names, "");
    GenerationSettings settings = GenerationSettings.of(null, null);
    for (String name : map.keys()) {
      Node value = map.get(name).orElseThrow();
      SettingField field = setting(name);
      String text = YamlNodes.text(value, map.path(name), field.allowed());
      if (text != null) {
        try {
          settings = settings.with(name, GenerationFields.parse(field, text));
        } catch (InvalidRequestException e) {
          throw refused(value, map.path(name), e);
        }
      }
    }
    return settings;
  }

  private static SweepAxis axis(
      String key, Node node, GenerationSettings base, Map<String, SweepAxis> earlier) {
    YamlMap map =
        YamlMap.of(
            node,
            key,
            AXIS_MAP,
            List.of(FIELD, VALUES),
            " (inside {...} a comma-separated string of values needs quotes)");
    Node fieldNode = map.require(FIELD, "the setting this axis varies: " + sweepableNames());
    String field = YamlNodes.text(fieldNode, map.path(FIELD), "a setting's name");
    if (field == null || !SweepAxis.sweepable(field)) {
      throw SweepDefinitionException.refused(
          YamlNodes.line(fieldNode), map.path(FIELD), String.valueOf(field), sweepableNames());
    }
    String changes = SweepAxis.changes(field);
    for (Map.Entry<String, SweepAxis> other : earlier.entrySet()) {
      if (other.getValue().changes().equals(changes)) {
        throw SweepDefinitionException.refused(
            YamlNodes.line(fieldNode),
            map.path(FIELD),
            field,
            "a setting no other axis varies; " + other.getKey() + " already varies " + changes);
      }
    }
    List<Object> values = values(map, field);
    if (field.equals(SweepAxis.PROMPT_SR)) {
      checkSearchText(map, base, (String) values.getFirst());
    }
    return new SweepAxis(field, values);
  }

  private static List<Object> values(YamlMap map, String field) {
    String key = map.path(VALUES);
    Node node = map.require(VALUES, "a list, or a comma-separated string such as \"1-5, 8\"");
    List<Item> items = items(node, key);
    if (items.isEmpty()) {
      throw SweepDefinitionException.refused(YamlNodes.line(node), key, "[]", "at least one value");
    }
    List<Object> values = new ArrayList<>();
    for (Item item : items) {
      if (field.equals(SweepAxis.PROMPT_SR)) {
        values.add(item.text());
      } else {
        try {
          values.addAll(AxisValues.expand(setting(field), item.text()));
        } catch (InvalidRequestException e) {
          throw refused(item.node(), key, e);
        }
      }
      if (values.size() > SweepAxis.MAX_VALUES) {
        throw SweepDefinitionException.refused(
            YamlNodes.line(item.node()),
            key,
            item.text(),
            "at most %d values per axis; with this item there are %d"
                .formatted(SweepAxis.MAX_VALUES, values.size()));
      }
    }
    return values;
  }

  /** One value as written, with the node to blame for it. */
  private record Item(String text, Node node) {}

  private static List<Item> items(Node node, String key) {
    if (node instanceof SequenceNode list) {
      YamlNodes.checkTag(node, key, Set.of(Tag.SEQ));
      return list.getValue().stream()
          .map(item -> new Item(orEmpty(YamlNodes.text(item, key, "a single value")), item))
          .toList();
    }
    if (!(node instanceof ScalarNode)) {
      throw SweepDefinitionException.misplaced(
          YamlNodes.line(node),
          key,
          YamlNodes.describe(node),
          "is " + YamlNodes.describe(node),
          "expected a list, or a comma-separated string such as \"1-5, 8\"");
    }
    String text = YamlNodes.text(node, key, "values");
    if (text == null) {
      return List.of();
    }
    try {
      return AxisValues.split(text).stream().map(item -> new Item(item, node)).toList();
    } catch (InvalidRequestException e) {
      throw refused(node, key, e);
    }
  }

  private static void checkSearchText(YamlMap map, GenerationSettings base, String search) {
    if (!SweepDefinition.searchable(base, search)) {
      throw SweepDefinitionException.refused(
          YamlNodes.line(map.get(VALUES).orElseThrow()),
          map.path(VALUES),
          search,
          base.prompt() == null
              ? "a prompt_sr axis needs base.prompt to search in"
              : "a first value that base.prompt contains ('" + shortened(base.prompt()) + "')");
    }
  }

  private static void checkPrompt(
      Node baseNode, GenerationSettings base, Collection<SweepAxis> axes) {
    boolean prompted =
        base.prompt() != null
            || axes.stream().anyMatch(axis -> axis.field().equals(GenerationFields.PROMPT));
    if (!prompted) {
      throw SweepDefinitionException.misplaced(
          YamlNodes.line(baseNode),
          BASE + "." + GenerationFields.PROMPT,
          "",
          "is missing",
          "expected the prompt every cell draws, unless an axis varies prompt");
    }
  }

  private static void checkCells(Map<String, SweepAxis> axes, Map<String, Node> nodes) {
    long cells = SweepDefinition.cellCount(axes.get("x"), axes.get("y"), axes.get("z"));
    if (cells > SweepDefinition.MAX_CELLS) {
      String last = List.copyOf(axes.keySet()).getLast();
      String sizes =
          axes.values().stream()
              .map(axis -> String.valueOf(axis.size()))
              .collect(Collectors.joining(" × "));
      throw SweepDefinitionException.refused(
          YamlNodes.line(nodes.get(last)),
          last,
          sizes + " = " + cells + " cells",
          "at most " + SweepDefinition.MAX_CELLS + " cells per sweep");
    }
  }

  private static SweepDefinitionException refused(
      Node node, String key, InvalidRequestException e) {
    FieldError error = e.errors().getFirst();
    return SweepDefinitionException.refused(
        YamlNodes.line(node), key, error.value(), error.allowed());
  }

  // By exact name only: GenerationFields.find also takes query names, and the query name
  // "model" belongs to modelName.
  private static SettingField setting(String name) {
    return GenerationFields.all().stream()
        .filter(field -> field.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String sweepableNames() {
    return "one of "
        + String.join(
            ", ",
            Stream.concat(
                    GenerationFields.sweepable().stream().map(SettingField::name),
                    Stream.of(SweepAxis.PROMPT_SR))
                .toList());
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String shortened(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
