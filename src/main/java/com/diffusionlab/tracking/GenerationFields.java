package com.diffusionlab.tracking;

import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.noise.NoiseKind;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.engine.sampling.SamplerType;
import com.diffusionlab.tracking.SettingField.Kind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The catalogue of {@link GenerationSettings} fields: names, labels, units and allowed values, in
 * the order people read them. Values are read and replaced by name, so that sweeps, the compare
 * table and exports handle every field the same way.
 */
public final class GenerationFields {

  public static final String MODEL = "model";
  public static final String MODEL_NAME = "modelName";
  public static final String PROMPT = "prompt";
  public static final String NEGATIVE_PROMPT = "negativePrompt";
  public static final String SEED = "seed";
  public static final String STEPS = "steps";
  public static final String CFG = "cfg";
  public static final String SAMPLER = "sampler";
  public static final String SCHEDULE = "schedule";
  public static final String ETA = "eta";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String BATCH = "batch";
  public static final String RNG = "rng";
  public static final String CLIP_SKIP = "clipSkip";
  public static final String STRENGTH = "strength";
  public static final String INIT_IMAGE = "initImage";
  public static final String MASK_IMAGE = "maskImage";

  /** The samplers by their stable names, and the one alias that also picks a schedule. */
  public static final List<String> SAMPLERS =
      Stream.concat(
              Arrays.stream(SamplerType.values()).map(SamplerType::id),
              Stream.of("dpmpp_2m_karras"))
          .toList();

  public static final List<String> SCHEDULES = List.of("normal", "karras");
  public static final List<String> NOISE_GENERATORS =
      Arrays.stream(NoiseKind.values()).map(NoiseKind::id).toList();

  private static final String SIDE =
      "a multiple of "
          + GenerationRequest.SIDE_MULTIPLE
          + " from "
          + GenerationRequest.MIN_SIDE
          + " to "
          + GenerationRequest.MAX_SIDE;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private static final List<SettingField> ALL =
      List.of(
          text(MODEL_NAME, "Model", "a registered model's name", false, "model"),
          new SettingField(
              MODEL,
              "Model version",
              Kind.MODEL,
              "",
              "a model name, content hash or 10-digit short hash",
              List.of(),
              null,
              null,
              true,
              "hash"),
          text(PROMPT, "Prompt", "text of at most 20000 characters", true, "prompt"),
          text(
              NEGATIVE_PROMPT,
              "Negative prompt",
              "text of at most 20000 characters",
              true,
              "negative"),
          number(
              SEED,
              "Seed",
              Kind.INTEGER,
              "",
              0,
              GenerationRequest.MAX_SEED,
              "0 to " + GenerationRequest.MAX_SEED,
              "seed"),
          number(
              STEPS,
              "Steps",
              Kind.INTEGER,
              "steps",
              1,
              GenerationRequest.MAX_STEPS,
              "1 to " + GenerationRequest.MAX_STEPS,
              "steps"),
          number(
              CFG,
              "CFG scale",
              Kind.DECIMAL,
              "",
              0,
              GenerationRequest.MAX_CFG,
              "0 to " + (int) GenerationRequest.MAX_CFG,
              "cfg"),
          choice(SAMPLER, "Sampler", SAMPLERS, "sampler"),
          choice(SCHEDULE, "Schedule", SCHEDULES, "schedule"),
          number(ETA, "Eta (DDIM)", Kind.DECIMAL, "", 0, 1, "0 to 1", "eta"),
          number(
              WIDTH,
              "Width",
              Kind.INTEGER,
              "px",
              GenerationRequest.MIN_SIDE,
              GenerationRequest.MAX_SIDE,
              SIDE,
              "width"),
          number(
              HEIGHT,
              "Height",
              Kind.INTEGER,
              "px",
              GenerationRequest.MIN_SIDE,
              GenerationRequest.MAX_SIDE,
              SIDE,
              "height"),
          number(
              BATCH,
              "Batch",
              Kind.INTEGER,
              "images",
              1,
              GenerationRequest.MAX_BATCH,
              "1 to " + GenerationRequest.MAX_BATCH,
              "batch"),
          choice(RNG, "Noise", NOISE_GENERATORS, "rng"),
          number(
              CLIP_SKIP,
              "Clip skip",
              Kind.INTEGER,
              "layers",
              1,
              null,
              "1 (the last layer) up to the text encoder's layer count",
              "clip_skip"),
          new SettingField(
              STRENGTH,
              "Denoising strength",
              Kind.DECIMAL,
              "",
              "greater than 0 and at most 1",
              List.of(),
              0.0,
              1.0,
              true,
              "strength"),
          image(INIT_IMAGE, "Init image"),
          image(MASK_IMAGE, "Mask"));

  private static final RecordComponent[] COMPONENTS =
      GenerationSettings.class.getRecordComponents();

  private GenerationFields() {}

  /** Every field, in reading order. */
  public static List<SettingField> all() {
    return ALL;
  }

  /** The fields a sweep axis may vary. */
  public static List<SettingField> sweepable() {
    return ALL.stream().filter(SettingField::sweepable).toList();
  }

  /**
   * A field by its name ({@code clipSkip}), else by its query name ({@code clip_skip}): {@code
   * model} is the model version field, whose query name is {@code hash}.
   */
  public static Optional<SettingField> find(String name) {
    return ALL.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .or(() -> ALL.stream().filter(f -> name.equalsIgnoreCase(f.queryName())).findFirst());
  }

  /**
   * @throws IllegalArgumentException for a name that is not a field
   */
  public static SettingField require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + name + "' is not a generation setting; one of " + names()));
  }

  public static List<String> names() {
    return ALL.stream().map(SettingField::name).toList();
  }

  /** A field's value in some settings; null when not set. */
  public static Object value(GenerationSettings settings, SettingField field) {
    try {
      return component(field.name()).getAccessor().invoke(settings);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + field.name(), e);
    }
  }

  /**
   * The settings with one field replaced; a number is converted to the field's own type (an integer
   * axis value may arrive as a Long).
   */
  static GenerationSettings with(GenerationSettings settings, String name, Object value) {
    Object[] values = new Object[COMPONENTS.length];
    try {
      for (int i = 0; i < COMPONENTS.length; i++) {
        values[i] =
            COMPONENTS[i].getName().equals(name)
                ? convert(COMPONENTS[i].getType(), value, name)
                : COMPONENTS[i].getAccessor().invoke(settings);
      }
      Class<?>[] types =
          Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class[]::new);
      return GenerationSettings.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set " + name, e);
    }
  }

  private static RecordComponent component(String name) {
    for (RecordComponent component : COMPONENTS) {
      if (component.getName().equals(name)) {
        return component;
      }
    }
    throw new IllegalArgumentException("no setting " + name);
  }

  private static Object convert(Class<?> type, Object value, String name) {
    if (value == null || type.isInstance(value)) {
      return value;
    }
    if (value instanceof Number number) {
      if (type == Integer.class) {
        return Math.toIntExact(number.longValue());
      }
      if (type == Long.class) {
        return number.longValue();
      }
      if (type == Double.class) {
        return number.doubleValue();
      }
    }
    throw new IllegalArgumentException(
        name + " takes a " + type.getSimpleName() + ", not " + value.getClass().getSimpleName());
  }

  /**
   * A value from text, as a sweep axis or a YAML file gives it, checked against what the field
   * allows.
   *
   * @throws InvalidRequestException naming the field, the text and what is allowed
   */
  public static Object parse(SettingField field, String text) {
    String value = text == null ? "" : text.strip();
    return switch (field.kind()) {
      case TEXT -> text == null ? "" : text;
      case MODEL -> requireNotBlank(field, value);
      case CHOICE -> choice(field, value);
      case IMAGE -> {
        if (!SHA256.matcher(value).matches()) {
          throw new InvalidRequestException(
              field.name(), value, "the SHA-256 of an uploaded image");
        }
        yield value;
      }
      case INTEGER -> integer(field, value);
      case DECIMAL -> decimal(field, value);
    };
  }

  private static String requireNotBlank(SettingField field, String value) {
    if (value.isEmpty()) {
      throw new InvalidRequestException(field.name(), "''", field.allowed());
    }
    return value;
  }

  private static String choice(SettingField field, String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    boolean known =
        field.name().equals(SAMPLER)
            ? SamplerFactory.find(value).isPresent()
            : field.choices().contains(lower);
    if (!known) {
      throw new InvalidRequestException(
          field.name(), value, "one of " + String.join(", ", field.choices()));
    }
    return field.name().equals(SAMPLER) ? value : lower;
  }

  private static Number integer(SettingField field, String value) {
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(field.name(), value, "a whole number: " + field.allowed());
    }
    checkBounds(field, number, value);
    if ((field.name().equals(WIDTH) || field.name().equals(HEIGHT))
        && number % GenerationRequest.SIDE_MULTIPLE != 0) {
      throw new InvalidRequestException(field.name(), value, field.allowed());
    }
    return field.name().equals(SEED) ? (Number) number : (Number) Math.toIntExact(number);
  }

  private static Double decimal(SettingField field, String value) {
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(field.name(), value, "a number: " + field.allowed());
    }
    if (!Double.isFinite(number)) {
      throw new InvalidRequestException(field.name(), value, field.allowed());
    }
    checkBounds(field, number, value);
    if (field.name().equals(STRENGTH) && number <= 0) {
      throw new InvalidRequestException(field.name(), value, field.allowed());
    }
    return number;
  }

  private static void checkBounds(SettingField field, double number, String text) {
    if ((field.min() != null && number < field.min())
        || (field.max() != null && number > field.max())) {
      throw new InvalidRequestException(field.name(), text, field.allowed());
    }
  }

  /** A value as people read it: numbers without a needless ".0", nulls as "–". */
  public static String format(Object value) {
    return switch (value) {
      case null -> "–";
      case Double d when Double.isFinite(d) ->
          new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
      default -> value.toString();
    };
  }

  private static SettingField text(
      String name, String label, String allowed, boolean sweepable, String queryName) {
    return new SettingField(
        name, label, Kind.TEXT, "", allowed, List.of(), null, null, sweepable, queryName);
  }

  private static SettingField number(
      String name,
      String label,
      Kind kind,
      String unit,
      double min,
      Number max,
      String allowed,
      String queryName) {
    return new SettingField(
        name,
        label,
        kind,
        unit,
        allowed,
        List.of(),
        min,
        max == null ? null : max.doubleValue(),
        true,
        queryName);
  }

  private static SettingField choice(
      String name, String label, List<String> choices, String queryName) {
    return new SettingField(
        name,
        label,
        Kind.CHOICE,
        "",
        "one of " + String.join(", ", choices),
        new ArrayList<>(choices),
        null,
        null,
        true,
        queryName);
  }

  private static SettingField image(String name, String label) {
    return new SettingField(
        name,
        label,
        Kind.IMAGE,
        "",
        "the SHA-256 of an uploaded image",
        List.of(),
        null,
        null,
        false,
        null);
  }
}
