package com.diffusionlab.governance;

import com.diffusionlab.governance.internal.DenyRules;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workspace's prompt policy ({@code dlab.prompt-policy.*}): what no prompt or negative prompt
 * may contain. Checked when the application starts: a blank word or a pattern that does not compile
 * stops the start, naming the property and the pattern.
 *
 * @param denyWords words (or phrases) refused wherever they stand as whole words, compared after
 *     Unicode NFKC normalisation and case folding, so that full-width letters or capitals do not
 *     slip past
 * @param denyPatterns Java regular expressions refused wherever they match the normalised, folded
 *     text; give them one by one ({@code deny-patterns[0]=…}) when one holds a comma
 */
@ConfigurationProperties("dlab.prompt-policy")
public record PromptPolicyProperties(
    @DefaultValue List<String> denyWords, @DefaultValue List<String> denyPatterns) {

  public PromptPolicyProperties {
    denyWords = denyWords == null ? List.of() : List.copyOf(denyWords);
    denyPatterns = denyPatterns == null ? List.of() : List.copyOf(denyPatterns);
    // compiled here too, so that a bad rule stops the start while the settings are bound
    compile(denyWords, denyPatterns);
  }

  /** The rules, compiled. */
  DenyRules rules() {
    return compile(denyWords, denyPatterns);
  }

  private static DenyRules compile(List<String> words, List<String> patterns) {
    return DenyRules.compile(
        "dlab.prompt-policy.deny-words", words, "dlab.prompt-policy.deny-patterns", patterns);
  }
}
