package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.SweepAxis;
import com.diffusionlab.scheduling.SweepDefinition;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.SettingField;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a sweep definition as YAML that {@link SweepYamlReader} reads back to an equal definition:
 * the axes with their expanded values, one axis a line, as a person would write them.
 */
public final class SweepYamlWriter {

  private SweepYamlWriter() {}

  public static String write(SweepDefinition definition) {
    List<NodeTuple> entries = new ArrayList<>();
    entries.add(entry(SweepYamlReader.NAME, text(definition.name())));
    if (!definition.experiment().equals(definition.name())) {
      entries.add(entry(SweepYamlReader.EXPERIMENT, text(definition.experiment())));
    }
    if (definition.description() != null) {
      entries.add(entry(SweepYamlReader.DESCRIPTION, text(definition.description())));
    }
    if (definition.sessionId() != null) {
      entries.add(entry(SweepYamlReader.SESSION, value(definition.sessionId())));
    }
    List<NodeTuple> base = new ArrayList<>();
    for (SettingField field : GenerationFields.all()) {
      Object value = GenerationFields.value(definition.base(), field);
      if (value != null && !field.name().equals(GenerationFields.MODEL_NAME)) {
        base.add(entry(field.name(), value(value)));
      }
    }
    if (!base.isEmpty()) {
      entries.add(entry(SweepYamlReader.BASE, new MappingNode(Tag.MAP, base, FlowStyle.BLOCK)));
    }
    addAxis(entries, "x", definition.x());
    addAxis(entries, "y", definition.y());
    addAxis(entries, "z", definition.z());

    DumperOptions options = new DumperOptions();
    options.setIndent(2);
    options.setAllowUnicode(true);
    // Folding long lines would be read back the same, but a prompt is easier to find on one line.
    options.setSplitLines(false);
    StringWriter out = new StringWriter();
    new Yaml(options).serialize(new MappingNode(Tag.MAP, entries, FlowStyle.BLOCK), out);
    return out.toString();
  }

  private static void addAxis(List<NodeTuple> entries, String key, SweepAxis axis) {
    if (axis == null) {
      return;
    }
    List<Node> values = axis.values().stream().map(SweepYamlWriter::value).toList();
    entries.add(
        entry(
            key,
            new MappingNode(
                Tag.MAP,
                List.of(
                    entry(SweepYamlReader.FIELD, text(axis.field())),
                    entry(
                        SweepYamlReader.VALUES, new SequenceNode(Tag.SEQ, values, FlowStyle.FLOW))),
                FlowStyle.FLOW)));
  }

  private static NodeTuple entry(String key, Node value) {
    return new NodeTuple(text(key), value);
  }

  private static Node value(Object value) {
    if (value instanceof Number) {
      String text = GenerationFields.format(value);
      return new ScalarNode(
          new Resolver().resolve(NodeId.scalar, text, true), text, null, null, ScalarStyle.PLAIN);
    }
    return text((String) value);
  }

  // The emitter quotes a plain scalar that would read back as something else ("42", "null",
  // "a: b") and falls back from a literal block when the text cannot be one.
  private static Node text(String text) {
    return new ScalarNode(
        Tag.STR, text, null, null, text.contains("\n") ? ScalarStyle.LITERAL : ScalarStyle.PLAIN);
  }
}
