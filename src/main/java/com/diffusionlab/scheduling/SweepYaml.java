package com.diffusionlab.scheduling;

import com.diffusionlab.scheduling.internal.SweepYamlReader;
import com.diffusionlab.scheduling.internal.SweepYamlWriter;
import java.io.IOException;
import java.io.Reader;

/**
 * Sweep definitions as YAML files, the form people write, paste, upload and export them in:
 *
 * <pre>{@code
 * name: sampler-comparison          # required, 1 to 200 characters
 * experiment: sampler comparison    # optional; default: the name
 * description: |                    # optional Markdown for the experiment
 *   Five samplers at 20 steps, three seeds each.
 * session: 3                        # optional playground session id
 * base:                             # settings every cell shares
 *   model: tiny-shapes
 *   prompt: two red circles at the top
 *   steps: 20
 * x: {field: sampler, values: [euler, euler_a, dpmpp_2m, ddim, pndm]}
 * y: {field: seed, values: "1-3"}   # optional, as is z
 * }</pre>
 *
 * <p>Axis values are a list or a comma-separated string in AUTOMATIC1111's X/Y/Z syntax, where a
 * number may be a range: {@code 1-5}, {@code 1-5 (+2)}, {@code 10-5 (-3)}, {@code 2-10 [5]}. The
 * field {@code prompt_sr} is A1111's Prompt S/R. Reading never constructs objects from YAML tags.
 */
public final class SweepYaml {

  /** Characters in a definition: far more than any grid of 1,000 cells needs. */
  public static final int MAX_CHARS = 1_000_000;

  private SweepYaml() {}

  /**
   * @throws SweepDefinitionException naming the line, the key and what is allowed
   */
  public static SweepDefinition parse(String yaml) {
    return SweepYamlReader.read(yaml);
  }

  /**
   * Reads at most a little more than the largest definition allowed, so that an endless upload
   * stops early.
   *
   * @throws SweepDefinitionException naming the line, the key and what is allowed
   * @throws IOException when the reader fails
   */
  public static SweepDefinition parse(Reader reader) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    int read;
    while ((read = reader.read(buffer)) >= 0 && text.length() <= MAX_CHARS) {
      text.append(buffer, 0, read);
    }
    return parse(text.toString());
  }

  /** The definition as YAML that {@link #parse(String)} reads back to an equal definition. */
  public static String toYaml(SweepDefinition definition) {
    return SweepYamlWriter.write(definition);
  }
}
