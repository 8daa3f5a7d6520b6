package com.diffusionlab.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The policy's settings are checked as they are bound, that is when the application starts. */
class PromptPolicyPropertiesTest {

  private static PromptPolicyProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("dlab.prompt-policy", PromptPolicyProperties.class);
  }

  @Test
  void anInvalidPatternStopsTheStartNamingThePropertyAndThePattern() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "dlab.prompt-policy.deny-patterns[0]", "ok",
                        "dlab.prompt-policy.deny-patterns[1]", "[a-")))
        .isInstanceOf(BindException.class)
        .hasStackTraceContaining(
            "dlab.prompt-policy.deny-patterns[1] = '[a-' is not a valid regular expression");
  }

  @Test
  void wordsBindFromACommaSeparatedListAndNothingIsDeniedByDefault() {
    assertThat(bind(Map.of()).denyWords()).isEmpty();
    assertThat(bind(Map.of()).denyPatterns()).isEmpty();
    assertThat(bind(Map.of("dlab.prompt-policy.deny-words", "one,two words")).denyWords())
        .containsExactly("one", "two words");
  }
}
