package com.diffusionlab.engine.image;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111's generation parameters (the PNG {@code parameters} text): prompt, negative prompt
 * (empty when none) and the {@code Key: value} fields in their order, values unquoted. Every field
 * is kept, known or not; the typed accessors read the common ones. See {@link Infotext} for the
 * text form.
 */
public record GenerationInfotext(
    String prompt, String negativePrompt, SequencedMap<String, String> fields) {

  public static final String STEPS = "Steps";
  public static final String SAMPLER = "Sampler";
  public static final String SCHEDULE_TYPE = "Schedule type";
  public static final String CFG_SCALE = "CFG scale";
  public static final String SEED = "Seed";
  public static final String SIZE = "Size";
  public static final String MODEL_HASH = "Model hash";
  public static final String MODEL = "Model";
  public static final String DENOISING_STRENGTH = "Denoising strength";
  public static final String CLIP_SKIP = "Clip skip";
  public static final String RNG = "RNG";
  public static final String VERSION = "Version";

  /**
   * The keys AUTOMATIC1111 can parse back: a word character, then word characters, spaces, - or /.
   */
  static final Pattern KEY = Pattern.compile("\\w[\\w \\-/]+", Pattern.UNICODE_CHARACTER_CLASS);

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern IMAGE_SIZE = Pattern.compile("(\\d+)x(\\d+)");

  public GenerationInfotext {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(negativePrompt, "negativePrompt");
    SequencedMap<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNull(fields, "fields")
        .forEach(
            (key, value) -> {
              requireKey(key);
              copy.put(key, Objects.requireNonNull(value, () -> "value of infotext field " + key));
            });
    fields = Collections.unmodifiableSequencedMap(copy);
  }

  /** A builder that lays the fields out in AUTOMATIC1111's order whatever the call order. */
  public static Builder builder(String prompt) {
    return new Builder(prompt);
  }

  /** The raw (unquoted) value of a field. */
  public Optional<String> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  public OptionalInt steps() {
    return optionalInt(STEPS);
  }

  public Optional<String> sampler() {
    return field(SAMPLER);
  }

  public Optional<String> scheduleType() {
    return field(SCHEDULE_TYPE);
  }

  public OptionalDouble cfgScale() {
    return optionalDouble(CFG_SCALE);
  }

  public OptionalLong seed() {
    return field(SEED)
        .map(v -> OptionalLong.of(parse(SEED, v, INTEGER, "an integer", Long::parseLong)))
        .orElse(OptionalLong.empty());
  }

  /** Width from {@code Size: WxH}. */
  public OptionalInt width() {
    return sizePart(1);
  }

  /** Height from {@code Size: WxH}. */
  public OptionalInt height() {
    return sizePart(2);
  }

  public Optional<String> modelHash() {
    return field(MODEL_HASH);
  }

  public Optional<String> model() {
    return field(MODEL);
  }

  public OptionalDouble denoisingStrength() {
    return optionalDouble(DENOISING_STRENGTH);
  }

  /** Clip skip; AUTOMATIC1111 omits the field for the default, 1. */
  public OptionalInt clipSkip() {
    return optionalInt(CLIP_SKIP);
  }

  /** Noise source: AUTOMATIC1111 omits it for "GPU" and writes "CPU" or "NV" otherwise. */
  public Optional<String> rng() {
    return field(RNG);
  }

  public Optional<String> version() {
    return field(VERSION);
  }

  private OptionalInt optionalInt(String key) {
    return field(key)
        .map(v -> OptionalInt.of(parse(key, v, INTEGER, "an integer", Integer::parseInt)))
        .orElse(OptionalInt.empty());
  }

  private OptionalDouble optionalDouble(String key) {
    return field(key)
        .map(
            v -> OptionalDouble.of(parse(key, v, DECIMAL, "a decimal number", Double::parseDouble)))
        .orElse(OptionalDouble.empty());
  }

  private OptionalInt sizePart(int group) {
    return field(SIZE)
        .map(
            v -> {
              Matcher m = IMAGE_SIZE.matcher(PythonText.strip(v));
              if (!m.matches()) {
                throw invalid(SIZE, v, "WIDTHxHEIGHT, as 512x768");
              }
              return OptionalInt.of(
                  parse(SIZE, m.group(group), INTEGER, "WIDTHxHEIGHT", Integer::parseInt));
            })
        .orElse(OptionalInt.empty());
  }

  private static <T> T parse(
      String key, String value, Pattern syntax, String expected, Function<String, T> parser) {
    String stripped = PythonText.strip(value);
    if (!syntax.matcher(stripped).matches()) {
      throw invalid(key, value, expected);
    }
    try {
      return parser.apply(stripped);
    } catch (NumberFormatException e) {
      throw new MetadataFormatException(
          "infotext field '%s' is '%s'; expected %s in range".formatted(key, value, expected), e);
    }
  }

  private static MetadataFormatException invalid(String key, String value, String expected) {
    return new MetadataFormatException(
        "infotext field '%s' is '%s'; expected %s".formatted(key, value, expected));
  }

  static void requireKey(String key) {
    Objects.requireNonNull(key, "infotext field key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          ("infotext field key '%s' cannot be parsed back: it must be two or more word characters,"
                  + " spaces, '-' or '/', starting with a word character")
              .formatted(key));
    }
  }

  /** Collects fields and orders them as AUTOMATIC1111's {@code create_infotext} does. */
  public static final class Builder {
    // AUTOMATIC1111 1.10's order; fields of other tools (ours included) go before Version and User.
    private static final List<String> LEADING =
        List.of(
            STEPS,
            SAMPLER,
            SCHEDULE_TYPE,
            CFG_SCALE,
            "Image CFG scale",
            SEED,
            "Face restoration",
            SIZE,
            MODEL_HASH,
            MODEL,
            "VAE hash",
            "VAE",
            "Variation seed",
            "Variation seed strength",
            "Seed resize from",
            DENOISING_STRENGTH,
            "Conditional mask weight",
            CLIP_SKIP,
            "ENSD",
            "Token merging ratio",
            "Token merging ratio hr",
            "Init image hash",
            RNG,
            "Tiling");
    private static final List<String> TRAILING = List.of(VERSION, "User");

    private final String prompt;
    private String negativePrompt = "";
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    public Builder negativePrompt(String negativePrompt) {
      this.negativePrompt = Objects.requireNonNull(negativePrompt, "negativePrompt");
      return this;
    }

    public Builder steps(int steps) {
      return field(STEPS, Integer.toString(steps));
    }

    public Builder sampler(String sampler) {
      return field(SAMPLER, sampler);
    }

    public Builder scheduleType(String scheduleType) {
      return field(SCHEDULE_TYPE, scheduleType);
    }

    public Builder cfgScale(double cfgScale) {
      return field(CFG_SCALE, number(CFG_SCALE, cfgScale));
    }

    public Builder seed(long seed) {
      return field(SEED, Long.toString(seed));
    }

    public Builder size(int width, int height) {
      return field(SIZE, width + "x" + height);
    }

    public Builder modelHash(String modelHash) {
      return field(MODEL_HASH, modelHash);
    }

    public Builder model(String model) {
      return field(MODEL, model);
    }

    public Builder denoisingStrength(double strength) {
      return field(DENOISING_STRENGTH, number(DENOISING_STRENGTH, strength));
    }

    /** Omitted for 1, the default, as AUTOMATIC1111 does. */
    public Builder clipSkip(int clipSkip) {
      if (clipSkip < 1) {
        throw new IllegalArgumentException("Clip skip is " + clipSkip + "; it must be at least 1");
      }
      if (clipSkip == 1) {
        values.remove(CLIP_SKIP);
        return this;
      }
      return field(CLIP_SKIP, Integer.toString(clipSkip));
    }

    public Builder rng(String rng) {
      return field(RNG, rng);
    }

    public Builder version(String version) {
      return field(VERSION, version);
    }

    /** Any field; a known key takes its usual place, others go before Version, in call order. */
    public Builder field(String key, String value) {
      requireKey(key);
      values.put(key, Objects.requireNonNull(value, () -> "value of infotext field " + key));
      return this;
    }

    public GenerationInfotext build() {
      SequencedMap<String, String> ordered = new LinkedHashMap<>();
      LEADING.stream().filter(values::containsKey).forEach(k -> ordered.put(k, values.get(k)));
      List<String> others = new ArrayList<>(values.keySet());
      others.removeAll(LEADING);
      others.removeAll(TRAILING);
      others.forEach(k -> ordered.put(k, values.get(k)));
      TRAILING.stream().filter(values::containsKey).forEach(k -> ordered.put(k, values.get(k)));
      return new GenerationInfotext(prompt, negativePrompt, ordered);
    }

    /** Integral values without a fraction ("7"), others in the shortest decimal form ("7.5"). */
    private static String number(String key, double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(key + " is " + value + "; it must be a finite number");
      }
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
  }
}
