package com.diffusionlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.identity.AccessRules;
import com.diffusionlab.identity.Relation;
import com.diffusionlab.scheduling.SweepAction;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.tracking.ArtifactAction;
import com.diffusionlab.tracking.ExperimentAction;
import com.diffusionlab.tracking.RunAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md states the object-level rules as one table; the code states them as one {@link
 * AccessRules} per kind of object. They must say the same, row for row.
 */
class ObjectRulesDocumentationTest {

  private static final List<AccessRules<?>> RULES =
      List.of(
          SessionAction.RULES,
          RunAction.RULES,
          ExperimentAction.RULES,
          SweepAction.RULES,
          ArtifactAction.RULES);

  @Test
  void theDocumentedTableIsTheCodes() throws IOException {
    assertThat(documentedRows()).containsExactlyElementsOf(codeRows());
  }

  @Test
  void viewersReadOnlyAndOutsidersNothing() {
    for (AccessRules<?> rules : RULES) {
      for (Map.Entry<? extends Enum<?>, Set<Relation>> row : rules.table().entrySet()) {
        assertThat(row.getValue())
            .as("%s %s", rules.kind(), row.getKey())
            .doesNotContain(Relation.OUTSIDER);
      }
    }
  }

  private static List<String> codeRows() {
    List<String> rows = new ArrayList<>();
    for (AccessRules<?> rules : RULES) {
      rows.addAll(rowsOf(rules));
    }
    return rows;
  }

  private static <A extends Enum<A>> List<String> rowsOf(AccessRules<A> rules) {
    List<String> rows = new ArrayList<>();
    rules
        .table()
        .forEach(
            (action, relations) ->
                rows.add(
                    String.join(
                        " | ",
                        rules.kind(),
                        action.name().toLowerCase(Locale.ROOT),
                        relations.stream()
                            .map(relation -> relation.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")),
                        rules.reading(action) ? "yes" : "no")));
    return rows;
  }

  /** The rows of the table under "## The rules", as "object | action | allowed | viewers". */
  private static List<String> documentedRows() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("docs/security.md"));
    int start = lines.indexOf("## The rules");
    assertThat(start).as("docs/security.md has a section '## The rules'").isNotNegative();
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("| object |")) {
        inTable = true;
      } else if (inTable && line.startsWith("| ---")) {
        continue;
      } else if (inTable && line.startsWith("|")) {
        rows.add(line.substring(1, line.length() - 1).strip().replaceAll("\\s*\\|\\s*", " | "));
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }
}
