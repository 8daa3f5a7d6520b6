package com.diffusionlab.engine.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111's infotext, the {@code parameters} PNG text: written as its {@code create_infotext}
 * writes it and parsed as its {@code parse_generation_parameters} parses it, so that either tool
 * reads the other's images.
 *
 * <pre>
 * prompt (one or more lines)
 * Negative prompt: negative prompt (one or more lines; the line is absent when empty)
 * Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Lora hashes: "a: 1, b: 2"
 * </pre>
 *
 * <p>Deviations, all for fidelity: an empty value is kept (AUTOMATIC1111 drops it), {@code Size}
 * stays one field (the typed accessors split it), CR LF line ends are read as LF, and values
 * containing {@code "} or surrounding spaces are quoted too, so that they survive a round trip.
 */
public final class Infotext {
  private static final String NEGATIVE_PROMPT = "Negative prompt:";

  /**
   * One {@code Key: value} of the last line. AUTOMATIC1111's pattern, with the quoted alternative
   * unrolled into possessive loops: it accepts the same strings but does not recurse per character,
   * which overflows the stack on long values.
   */
  private static final Pattern PARAM =
      Pattern.compile(
          "\\s*(\\w[\\w \\-/]+):\\s*(\"[^\\\\\"]*+(?:\\\\.[^\\\\\"]*+)*+\"|[^,]*)(?:,|$)",
          Pattern.UNICODE_CHARACTER_CLASS);

  /** AUTOMATIC1111 reads the last line as fields only when it holds at least this many. */
  private static final int MIN_FIELDS_ON_LAST_LINE = 3;

  private Infotext() {}

  /** The infotext of {@code info}. */
  public static String format(GenerationInfotext info) {
    StringBuilder text = new StringBuilder(info.prompt());
    if (!info.negativePrompt().isEmpty()) {
      text.append('\n').append(NEGATIVE_PROMPT).append(' ').append(info.negativePrompt());
    }
    List<String> pairs = new ArrayList<>();
    info.fields().forEach((key, value) -> pairs.add(key + ": " + quote(value)));
    text.append('\n').append(String.join(", ", pairs));
    return PythonText.strip(text.toString());
  }

  /** Parses an infotext; never fails (text that is no infotext becomes a prompt). */
  public static GenerationInfotext parse(String infotext) {
    String[] lines = PythonText.strip(infotext.replace("\r\n", "\n")).split("\n", -1);
    String lastLine = lines[lines.length - 1];
    List<String> textLines = new ArrayList<>(List.of(lines).subList(0, lines.length - 1));
    if (PARAM.matcher(lastLine).results().count() < MIN_FIELDS_ON_LAST_LINE) {
      textLines.add(lastLine);
      lastLine = "";
    }
    StringBuilder prompt = new StringBuilder();
    StringBuilder negative = new StringBuilder();
    boolean inNegative = false;
    for (String raw : textLines) {
      String line = PythonText.strip(raw);
      if (line.startsWith(NEGATIVE_PROMPT)) {
        inNegative = true;
        line = PythonText.strip(line.substring(NEGATIVE_PROMPT.length()));
      }
      StringBuilder target = inNegative ? negative : prompt;
      if (!target.isEmpty()) {
        target.append('\n');
      }
      target.append(line);
    }
    SequencedMap<String, String> fields = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(lastLine);
    while (m.find()) {
      fields.put(m.group(1), unquote(m.group(2)));
    }
    return new GenerationInfotext(prompt.toString(), negative.toString(), fields);
  }

  /** AUTOMATIC1111's {@code quote}, extended to values with quotes or surrounding spaces. */
  static String quote(String value) {
    boolean plain =
        value.chars().noneMatch(c -> c == ',' || c == ':' || c == '"' || c == '\n' || c == '\r')
            && PythonText.strip(value).equals(value);
    return plain ? value : PythonText.jsonQuote(value);
  }

  /** AUTOMATIC1111's {@code unquote}: a value in quotes that is valid JSON is decoded. */
  static String unquote(String value) {
    String decoded = PythonText.jsonUnquote(value);
    return decoded != null ? decoded : value;
  }
}
