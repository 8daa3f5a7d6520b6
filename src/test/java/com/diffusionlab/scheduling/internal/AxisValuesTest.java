package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.SettingField;
import com.diffusionlab.tracking.SettingField.Kind;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AxisValuesTest {

  /** No real sweepable field allows negative numbers; this one stands in for one that would. */
  private static final SettingField OFFSET =
      new SettingField(
          "offset", "Offset", Kind.INTEGER, "", "-10 to 10", List.of(), -10.0, 10.0, true, null);

  @ParameterizedTest(name = "{0}: ''{1}'' gives {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "steps | 1-5          | 1, 2, 3, 4, 5",
        "steps | 1-5 (+2)     | 1, 3, 5",
        "steps | 1-5 (2)      | 1, 3, 5",
        "steps | 1-6 (+2)     | 1, 3, 5",
        "steps | 10-5 (-3)    | 10, 7",
        "steps | 10-4 (-3)    | 10, 7, 4",
        "steps | 2-10 [5]     | 2, 4, 6, 8, 10",
        "steps | 3-3          | 3",
        "steps | 3-3 (-1)     | 3",
        "steps | 7            | 7",
        "steps | ' 1 - 3 '    | 1, 2, 3",
        "seed  | 0-10 [4]     | 0, 3, 6, 10",
        "seed  | 10-0 [4]     | 10, 6, 3, 0",
        "seed  | 5-9 [1]      | 5",
        "cfg   | 1.5-3 (+0.5) | 1.5, 2, 2.5, 3",
        "cfg   | 1-2 (+0.3)   | 1, 1.3, 1.6, 1.9",
        "cfg   | 0-1 [5]      | 0, 0.25, 0.5, 0.75, 1",
        "cfg   | 5-1 (-2)     | 5, 3, 1",
        "cfg   | .5-1.        | 0.5",
        "cfg   | 7.5          | 7.5",
        "sampler | euler_a    | euler_a",
        "prompt  | 1-5        | 1-5"
      })
  void anItemExpandsToItsValues(String field, String item, String expected) {
    List<Object> values = AxisValues.expand(GenerationFields.require(field), item);
    assertThat(values.stream().map(GenerationFields::format).collect(Collectors.joining(", ")))
        .isEqualTo(expected);
  }

  @Test
  void valuesHaveTheFieldsOwnTypes() {
    assertThat(AxisValues.expand(GenerationFields.require("steps"), "1-2")).containsExactly(1, 2);
    assertThat(AxisValues.expand(GenerationFields.require("seed"), "1-2")).containsExactly(1L, 2L);
    assertThat(AxisValues.expand(GenerationFields.require("cfg"), "1-2")).containsExactly(1.0, 2.0);
  }

  @ParameterizedTest(name = "''{0}'' gives {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-1        | -1",
        "-5--1     | -5, -4, -3, -2, -1",
        "-3-3 (+3) | -3, 0, 3",
        "3--3 [3]  | 3, 0, -3",
        "+2        | 2"
      })
  void aNegativeNumberIsAValueNotARange(String item, String expected) {
    assertThat(
            AxisValues.expand(OFFSET, item).stream()
                .map(GenerationFields::format)
                .collect(Collectors.joining(", ")))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: ''{1}'' is refused: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "steps   | 1-5 (+0)   | a range step other than 0",
        "cfg     | 1-5 (+0.0) | a range step other than 0",
        "steps   | 1-5 (-1)   | a step that goes from 1 towards 5, e.g. 1-5 (+1)",
        "steps   | 5-1        | a step that goes from 5 towards 1, e.g. 5-1 (-1)",
        "steps   | 2-10 [0]   | a count of at least 1",
        "steps   | abc        | steps takes a whole number: 1 to 1000, or a range such as 1-5",
        "steps   | 0          | steps takes 1 to 1000",
        "steps   | 0-2        | steps takes 1 to 1000 (the range includes 0)",
        "steps   | 1.5-3      | whole numbers in a range of steps",
        "steps   | 1-3 (+0.5) | whole numbers in a range of steps",
        "steps   | 1-2000     | at most 1000 values per axis, not 2000",
        "seed    | 1-9999999999999999999 | at most 1000 values per axis",
        "steps   | 1-5 [1001] | at most 1000 values per axis, not 1001",
        "seed    | -1         | seed takes 0 to 9007199254740991",
        "width   | 60-76 [3]  | a multiple of 8 from 8 to 4096 (the range includes 60)",
        "sampler | magic      | one of euler"
      })
  void badItemsAreRefusedWithWhatIsAllowed(String field, String item, String allowed) {
    assertThatThrownBy(() -> AxisValues.expand(GenerationFields.require(field), item))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errors().getFirst().value()).isEqualTo(item);
              assertThat(e.errors().getFirst().allowed()).contains(allowed);
            });
  }

  @Test
  void aNegativeNumberOutsideTheFieldsRangeIsRefused() {
    assertThatThrownBy(() -> AxisValues.expand(OFFSET, "-11"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("-10 to 10");
  }

  @ParameterizedTest(name = "''{0}'' splits into {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3,5,7                      | [3, 5, 7]",
        "'1-3, 7, 10-12 (+2)'       | [1-3, 7, 10-12 (+2)]",
        "'euler , ddim'             | [euler, ddim]",
        "'\"x \"\"y\"\"\", z'       | [x \"y\", z]",
        "'say \"hi\", there'        | [say \"hi\", there]",
        "'red,'                     | [red, ]",
        "one                        | [one]"
      })
  void aStringSplitsAtCommasOutsideQuotes(String text, String expected) {
    assertThat(AxisValues.split(text).toString()).isEqualTo(expected);
  }

  @Test
  void quotedItemsKeepTheirCommas() {
    assertThat(AxisValues.split("\"a, b\", c")).containsExactly("a, b", "c");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"'\"open, b'", "'\"a\" b, c'"})
  void badQuotingIsRefused(String text) {
    assertThatThrownBy(() -> AxisValues.split(text))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("double quotes");
  }
}
