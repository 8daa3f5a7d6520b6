package com.diffusionlab.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.tracking.GenerationSettings;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SweepDefinitionTest {

  private static final GenerationSettings BASE =
      GenerationSettings.of("tiny-shapes", "two red circles at the top").with("steps", 20);

  private static SweepDefinition sweep(SweepAxis x, SweepAxis y, SweepAxis z) {
    return new SweepDefinition("grid", null, null, null, BASE, x, y, z);
  }

  @Test
  void cellsRunZThenYThenXWithTheAxisValuesApplied() {
    SweepDefinition sweep =
        sweep(
            new SweepAxis("cfg", List.of(2.0, 3.0)),
            new SweepAxis("seed", List.of(1L, 2L)),
            new SweepAxis("steps", List.of(10, 30)));

    List<SweepCell> cells = sweep.cells();

    assertThat(cells)
        .extracting(c -> c.x() + "" + c.y() + c.z())
        .containsExactly("000", "100", "010", "110", "001", "101", "011", "111");
    assertThat(cells).extracting(SweepCell::label).startsWith("cfg=2, seed=1, steps=10");
    assertThat(cells.get(5).label()).isEqualTo("cfg=3, seed=1, steps=30");
    GenerationSettings settings = cells.get(5).settings();
    assertThat(settings.cfg()).isEqualTo(3.0);
    assertThat(settings.seed()).isEqualTo(1L);
    assertThat(settings.steps()).isEqualTo(30);
    assertThat(settings.prompt()).isEqualTo(BASE.prompt());
    assertThat(sweep.cellCount()).isEqualTo(8);
  }

  @Test
  void aMissingAxisIsOneWide() {
    SweepDefinition sweep = sweep(new SweepAxis("sampler", List.of("euler", "ddim")), null, null);
    assertThat(sweep.cells())
        .extracting(SweepCell::label)
        .containsExactly("sampler=euler", "sampler=ddim");
    assertThat(sweep.cells()).allMatch(c -> c.y() == 0 && c.z() == 0);
    assertThat(sweep.experiment()).isEqualTo("grid");

    SweepDefinition withoutY =
        sweep(
            new SweepAxis("sampler", List.of("euler", "ddim")),
            null,
            new SweepAxis("seed", List.of(1L, 2L, 3L)));
    assertThat(withoutY.cells()).extracting(SweepCell::z).containsExactly(0, 0, 1, 1, 2, 2);
  }

  @Test
  void promptSearchReplaceKeepsTheFirstPromptAsWrittenAndReplacesEveryOccurrence() {
    GenerationSettings base = BASE.with("prompt", "a red circle and a red star");
    SweepDefinition sweep =
        new SweepDefinition(
            "sr",
            null,
            null,
            null,
            base,
            new SweepAxis(SweepAxis.PROMPT_SR, List.of("red", "blue")),
            null,
            null);
    assertThat(sweep.cells())
        .extracting(c -> c.settings().prompt())
        .containsExactly("a red circle and a red star", "a blue circle and a blue star");
    assertThat(sweep.cells().get(1).label()).isEqualTo("prompt_sr=blue");
  }

  @Test
  void aDefinitionKeepsItsRules() {
    SweepAxis steps = new SweepAxis("steps", List.of(10));
    assertThatThrownBy(() -> sweep(steps, new SweepAxis("steps", List.of(20)), null))
        .hasMessageContaining("same setting");
    assertThatThrownBy(
            () -> sweep(new SweepAxis("prompt", List.of("a")), null, prompt("circles", "b")))
        .hasMessageContaining("same setting");
    assertThatThrownBy(() -> sweep(prompt("squares", "b"), null, null))
        .hasMessageContaining("does not contain 'squares'");
    List<Object> hundred = IntStream.rangeClosed(1, 100).<Object>mapToObj(i -> i).toList();
    assertThatThrownBy(
            () ->
                sweep(
                    new SweepAxis("steps", hundred),
                    new SweepAxis(
                        "cfg", List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0)),
                    new SweepAxis("seed", List.of(1L, 2L))))
        .hasMessageContaining("2000 cells");
    assertThatThrownBy(() -> new SweepAxis("initImage", List.of("x")))
        .hasMessageContaining("cannot be a sweep axis");
    assertThatThrownBy(() -> new SweepAxis("steps", List.of()))
        .hasMessageContaining("1 to 1000 values");
    assertThatThrownBy(() -> new SweepAxis("steps", Collections.nCopies(1001, (Object) 1)))
        .hasMessageContaining("not 1001");
  }

  private static SweepAxis prompt(String search, String replacement) {
    return new SweepAxis(SweepAxis.PROMPT_SR, List.of(search, replacement));
  }
}
