package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.SweepDefinitionException;
import com.diffusionlab.scheduling.SweepYaml;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Untrusted YAML text to a node tree, never to objects: no constructor runs, so no tag can
 * instantiate a Java type; global tags ({@code !!java.io.File}) and aliases are refused, and size
 * and nesting are bounded.
 */
final class SafeYaml {

  // A definition nests three deep (root, axis, values); the margin only admits mistakes that the
  // reader then reports by key.
  private static final int MAX_DEPTH = 10;

  private SafeYaml() {}

  /**
   * @return the document's root node, or null for an empty document
   * @throws SweepDefinitionException for YAML syntax errors, with SnakeYAML's line and problem
   */
  static Node compose(String text) {
    if (text.length() > SweepYaml.MAX_CHARS) {
      throw SweepDefinitionException.document(
          0, "the definition has more than " + SweepYaml.MAX_CHARS + " characters");
    }
    LoaderOptions options = new LoaderOptions();
    // The composer ignores the duplicate-key setting (YamlMap reports duplicates with their
    // lines), and AliasFreeParser stops aliases before the alias limit is reached: both are a
    // second fence should these options ever reach a constructor or another composer.
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(SweepYaml.MAX_CHARS);
    options.setTagInspector(tag -> false);
    AliasFreeParser parser = new AliasFreeParser(new ParserImpl(new StreamReader(text), options));
    try {
      return new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem =
          e.getContext() == null ? e.getProblem() : e.getProblem() + " (" + e.getContext() + ")";
      throw mark == null
          ? SweepDefinitionException.document(parser.line(), problem)
          : SweepDefinitionException.document(
              mark.getLine() + 1, problem + " at column " + (mark.getColumn() + 1));
    } catch (YAMLException e) {
      throw SweepDefinitionException.document(parser.line(), e.getMessage());
    }
  }
}
