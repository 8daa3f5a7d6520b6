package com.diffusionlab.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of {@code /actuator/prometheus} (Prometheus' text format) read into its samples. */
record PrometheusScrape(List<PrometheusScrape.Sample> samples) {

  /** One line: a series name, its labels and its value. */
  record Sample(String name, Map<String, String> labels, double value) {
    boolean has(Map<String, String> wanted) {
      return labels.entrySet().containsAll(wanted.entrySet());
    }
  }

  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static PrometheusScrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line.strip());
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (matcher.group(2) != null) {
        Matcher label = LABEL.matcher(matcher.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(matcher.group(1), labels, number(matcher.group(3))));
    }
    return new PrometheusScrape(samples);
  }

  private static double number(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(sample -> names.add(sample.name()));
    return names;
  }

  List<Sample> all(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
  }

  /** The sum over the series of {@code name} that carry {@code labels}; 0 when there is none. */
  double sum(String name, Map<String, String> labels) {
    return all(name, labels).stream().mapToDouble(Sample::value).sum();
  }
}
