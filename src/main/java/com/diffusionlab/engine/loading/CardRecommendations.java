package com.diffusionlab.engine.loading;

import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.RecommendedSettings;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a model card recommends: the YAML front matter of {@code README.md}, between a first line
 * {@code ---} and the next. The card comes with downloaded models, so it is hostile input: at most
 * {@link #MAX_BYTES} are read, YAML is parsed without aliases or custom tags, and a value the
 * engine would refuse (a guidance of 1000, an unknown sampler) is left out with a warning rather
 * than becoming a default that every generation then fails on.
 *
 * @param warnings what was left out and why
 */
public record CardRecommendations(RecommendedSettings recommended, List<String> warnings) {
  static final int MAX_BYTES = 64 * 1024;
  private static final String FILE = "README.md";
  private static final String FENCE = "---";

  /** The card of the diffusers folder {@code dir}; none for a file or a folder without one. */
  public static CardRecommendations of(Path dir) {
    Path card = dir.resolve(FILE);
    if (!Files.isDirectory(dir) || !Files.isRegularFile(card)) {
      return new CardRecommendations(RecommendedSettings.NONE, List.of());
    }
    try (InputStream in = Files.newInputStream(card)) {
      return parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new CardRecommendations(
          RecommendedSettings.NONE, List.of(FILE + " is unreadable: " + e.getMessage()));
    }
  }

  public static CardRecommendations parse(String text) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.getFirst().strip().equals(FENCE)) {
      return new CardRecommendations(RecommendedSettings.NONE, List.of());
    }
    int end = 1;
    while (end < lines.size() && !lines.get(end).strip().equals(FENCE)) {
      end++;
    }
    if (end == lines.size()) {
      return new CardRecommendations(
          RecommendedSettings.NONE,
          List.of(FILE + ": the front matter has no closing '---' within " + MAX_BYTES + " bytes"));
    }
    Object front;
    try {
      front = yaml().load(String.join("\n", lines.subList(1, end)));
    } catch (YAMLException e) {
      return new CardRecommendations(
          RecommendedSettings.NONE,
          List.of(FILE + ": the front matter is not valid YAML: " + e.getMessage()));
    }
    Object parameters = at(at(front, "inference"), "parameters");
    if (!(parameters instanceof Map<?, ?> values)) {
      return new CardRecommendations(RecommendedSettings.NONE, List.of());
    }
    List<String> warnings = new ArrayList<>();
    Reader reader = new Reader(values, warnings);
    Double cfg = reader.number("guidance_scale", 0, GenerationRequest.MAX_CFG);
    Double steps = reader.number("num_inference_steps", 1, GenerationRequest.MAX_STEPS);
    Integer width = reader.side("width");
    Integer height = reader.side("height");
    String sampler = reader.sampler("sampler");
    return new CardRecommendations(
        new RecommendedSettings(
            cfg, steps == null ? null : steps.intValue(), sampler, width, height),
        List.copyOf(warnings));
  }

  private static Object at(Object node, String key) {
    return node instanceof Map<?, ?> map ? map.get(key) : null;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  /** Reads values of {@code inference.parameters}, noting each one left out. */
  private record Reader(Map<?, ?> values, List<String> warnings) {

    Double number(String key, double min, double max) {
      Object value = values.get(key);
      if (value == null) {
        return null;
      }
      if (value instanceof Number number
          && Double.isFinite(number.doubleValue())
          && number.doubleValue() >= min
          && number.doubleValue() <= max
          && (!key.equals("num_inference_steps") || number.doubleValue() % 1 == 0)) {
        return number.doubleValue();
      }
      return leftOut(key, value, "a number from " + number(min) + " to " + number(max));
    }

    Integer side(String key) {
      Object value = values.get(key);
      if (value == null) {
        return null;
      }
      if (value instanceof Integer side
          && side >= GenerationRequest.MIN_SIDE
          && side <= GenerationRequest.MAX_SIDE
          && side % GenerationRequest.SIDE_MULTIPLE == 0) {
        return side;
      }
      return leftOut(
          key,
          value,
          "a multiple of "
              + GenerationRequest.SIDE_MULTIPLE
              + " from "
              + GenerationRequest.MIN_SIDE
              + " to "
              + GenerationRequest.MAX_SIDE);
    }

    String sampler(String key) {
      Object value = values.get(key);
      if (value == null) {
        return null;
      }
      try {
        return SamplerFactory.canonical(SamplerSettings.of(String.valueOf(value))).name();
      } catch (EngineException | IllegalArgumentException e) {
        return leftOut(key, value, e.getMessage());
      }
    }

    private <T> T leftOut(String key, Object value, String allowed) {
      warnings.add(
          FILE
              + ": inference.parameters."
              + key
              + "="
              + printable(value)
              + " is left out: "
              + allowed);
      return null;
    }

    /** Short and on one line: the card is not ours. */
    private static String printable(Object value) {
      String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
      return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String number(double value) {
      return value % 1 == 0 ? Long.toString((long) value) : Double.toString(value);
    }
  }
}
