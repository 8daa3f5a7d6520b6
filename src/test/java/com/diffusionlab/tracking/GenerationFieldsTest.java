package com.diffusionlab.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.InvalidRequestException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationFieldsTest {

  @Test
  void theCatalogueDescribesEverySettingOnce() {
    assertThat(GenerationFields.names())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(GenerationSettings.class.getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
  }

  @Test
  void aFieldIsFoundByItsNameOrItsQueryName() {
    assertThat(GenerationFields.find("clip_skip").orElseThrow().name()).isEqualTo("clipSkip");
    assertThat(GenerationFields.find("clipSkip").orElseThrow().label()).isEqualTo("Clip skip");
    assertThat(GenerationFields.find("hash").orElseThrow().name()).isEqualTo("model");
    assertThat(GenerationFields.find("model").orElseThrow().name())
        .as("a name wins over a query name")
        .isEqualTo("model");
    assertThat(GenerationFields.find("nonsense")).isEmpty();
  }

  @Test
  void withReplacesOneFieldAndConvertsNumbersToItsType() {
    GenerationSettings base = RecordedSettings.of("a cat", 7, "euler", 1);
    GenerationSettings changed = base.with("steps", 35L).with("cfg", 4).with("seed", 9);
    assertThat(changed.steps()).isEqualTo(35);
    assertThat(changed.cfg()).isEqualTo(4.0);
    assertThat(changed.seed()).isEqualTo(9L);
    assertThat(changed.prompt()).isEqualTo("a cat");
    assertThat(base.steps()).isEqualTo(20);
    assertThatThrownBy(() -> base.with("steps", "many"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps");
  }

  @Test
  void valuesAreReadByField() {
    GenerationSettings settings = RecordedSettings.of("a cat", 7.5, "euler", 3);
    assertThat(GenerationFields.value(settings, GenerationFields.require("cfg"))).isEqualTo(7.5);
    assertThat(GenerationFields.value(settings, GenerationFields.require("strength"))).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "steps, 25, 25",
    "cfg, 7.5, 7.5",
    "seed, 4294967296, 4294967296",
    "width, 512, 512",
    "sampler, Euler a, Euler a",
    "schedule, KARRAS, karras",
    "rng, torch-cpu, torch-cpu",
    "strength, 0.5, 0.5"
  })
  void textBecomesATypedValue(String field, String text, String expected) {
    Object value = GenerationFields.parse(GenerationFields.require(field), text);
    assertThat(GenerationFields.format(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "steps | 0 | 1 to 1000",
        "steps | 2.5 | a whole number",
        "cfg | NaN | 0 to 100",
        "cfg | 101 | 0 to 100",
        "width | 100 | a multiple of 8",
        "width | -64 | a multiple of 8",
        "batch | 17 | 1 to 16",
        "sampler | magic | one of euler",
        "schedule | linear | one of normal, karras",
        "rng | cuda | one of philox, torch-cpu",
        "strength | 0 | greater than 0",
        "seed | -1 | 0 to",
        "initImage | ../etc/passwd | SHA-256"
      })
  void badTextIsRefusedNamingTheFieldTheValueAndWhatIsAllowed(
      String field, String text, String allowed) {
    assertThatThrownBy(() -> GenerationFields.parse(GenerationFields.require(field), text))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(field + "=" + text)
        .hasMessageContaining(allowed);
  }

  @Test
  void numbersReadWithoutNeedlessDecimals() {
    assertThat(GenerationFields.format(7.0)).isEqualTo("7");
    assertThat(GenerationFields.format(0.05)).isEqualTo("0.05");
    assertThat(GenerationFields.format(20)).isEqualTo("20");
    assertThat(GenerationFields.format(null)).isEqualTo("–");
  }
}
