package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.SweepDefinitionException;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reading composed YAML nodes by hand: lines, scalar text and the tags a definition may use. */
final class YamlNodes {

  // Scalars are read as text whatever YAML 1.1 would make of them ("no", "1e3", "2024-01-01"), so
  // every tag the resolver gives a plain scalar is fine; anything else (!!binary, !!set, local
  // tags) has no meaning here.
  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

  private YamlNodes() {}

  /** A node's 1-based line. */
  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /** "a list", "a map" or "a single value", to say what was found. */
  static String describe(Node node) {
    return switch (node) {
      case SequenceNode s -> "a list";
      case MappingNode m -> "a map";
      default -> "a single value";
    };
  }

  /**
   * A scalar's text as written; null for an empty value or {@code ~}/{@code null}.
   *
   * @throws SweepDefinitionException for a list or map, or a tag with no meaning here
   */
  static String text(Node node, String key, String expected) {
    if (!(node instanceof ScalarNode scalar)) {
      throw SweepDefinitionException.misplaced(
          line(node), key, describe(node), "is " + describe(node), "expected " + expected);
    }
    checkTag(node, key, SCALAR_TAGS);
    return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
  }

  /**
   * @throws SweepDefinitionException when the node carries a tag other than the allowed ones
   */
  static void checkTag(Node node, String key, Set<Tag> allowed) {
    if (!allowed.contains(node.getTag())) {
      String tag = node.getTag().getValue();
      String written = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
      throw SweepDefinitionException.misplaced(
          line(node), key, written, "has the tag " + written, "write plain values without tags");
    }
  }
}
