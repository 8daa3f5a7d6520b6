package com.diffusionlab.api;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.SettingField;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A JSON body that Jackson could not read, as the field at fault, the value given and what the
 * field takes ({@code "steps":"abc"}, {@code "steps":1e12}, {@code "cfg":NaN}); Jackson's own
 * messages name Java classes, so none of their text reaches the client.
 */
final class JsonBodyErrors {

  /** The offending token of a syntax error: {@code Non-standard token 'NaN'}. */
  private static final Pattern TOKEN = Pattern.compile("token '([^']{1,100})'");

  /** The number of a coercion error: {@code Numeric value (99999999999) out of range}. */
  private static final Pattern NUMBER = Pattern.compile("value \\(([^)]{1,100})\\)");

  private static final Map<JsonToken, String> TOKENS =
      Map.of(
          JsonToken.START_ARRAY, "an array",
          JsonToken.START_OBJECT, "an object",
          JsonToken.VALUE_STRING, "a string",
          JsonToken.VALUE_NUMBER_INT, "a whole number",
          JsonToken.VALUE_NUMBER_FLOAT, "a number with a fraction or exponent",
          JsonToken.VALUE_TRUE, "true",
          JsonToken.VALUE_FALSE, "false",
          JsonToken.VALUE_NULL, "null");

  private JsonBodyErrors() {}

  /** The field at fault, or empty when the body as a whole is not JSON. */
  static Optional<FieldError> fieldError(JacksonException e) {
    String field = field(e);
    if (field == null) {
      return Optional.empty();
    }
    return switch (e) {
      case UnrecognizedPropertyException unknown ->
          Optional.of(new FieldError(field, "(not a field)", known(unknown.getKnownPropertyIds())));
      case InvalidFormatException format ->
          Optional.of(
              new FieldError(
                  field, shown(format.getValue()), allowed(field, format.getTargetType())));
      case MismatchedInputException mismatch ->
          Optional.of(
              new FieldError(
                  field,
                  TOKENS.getOrDefault(mismatch.getCurrentToken(), "a value of another type"),
                  allowed(field, mismatch.getTargetType())));
      case InputCoercionException coercion ->
          Optional.of(
              new FieldError(
                  field,
                  found(NUMBER, coercion.getOriginalMessage()).orElse("(out of range)"),
                  allowed(field, coercion.getTargetType())));
      default ->
          found(TOKEN, e.getOriginalMessage())
              .map(token -> new FieldError(field, token, allowed(field, null)));
    };
  }

  /**
   * What is wrong with a body as a whole, without Jackson's wording: where it stops being JSON, or
   * what it is instead of what the endpoint takes.
   */
  static String bodyDetail(JacksonException e) {
    if (e instanceof MismatchedInputException mismatch && mismatch.getCurrentToken() != null) {
      return "the request body is "
          + TOKENS.getOrDefault(mismatch.getCurrentToken(), "a value")
          + ", not "
          + kind(mismatch.getTargetType());
    }
    TokenStreamLocation location = e.getLocation();
    String at =
        location != null && location.getLineNr() > 0
            ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"
            : "";
    return "the request body is not valid JSON" + at;
  }

  /** The path of the field at fault ({@code tags[2]}, {@code settings.steps}), or null. */
  private static String field(JacksonException e) {
    String path =
        e.getPath().stream()
            .map(
                reference ->
                    reference.getPropertyName() != null
                        ? "." + reference.getPropertyName()
                        : reference.getIndex() >= 0 ? "[" + reference.getIndex() + "]" : "")
            .collect(Collectors.joining());
    if (!path.isEmpty()) {
      return path.startsWith(".") ? path.substring(1) : path;
    }
    if (e.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
      return parser.streamReadContext().currentName();
    }
    return null;
  }

  private static String allowed(String field, Class<?> type) {
    String leaf = field.replaceAll(".*[.\\]]", "");
    Optional<SettingField> setting = GenerationFields.find(leaf);
    String kind = type != null ? kind(type) : setting.map(JsonBodyErrors::kind).orElse(null);
    if (kind == null) {
      return "a JSON value";
    }
    return setting.map(s -> kind + ": " + s.allowed()).orElse(kind);
  }

  /** What a value of a Java type is called in an answer, e.g. {@code a whole number}. */
  static String kind(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a finite number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (type.isEnum()) {
      return "one of "
          + List.of(type.getEnumConstants()).stream()
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    return "a JSON object";
  }

  private static String kind(SettingField setting) {
    return switch (setting.kind()) {
      case INTEGER -> "a whole number";
      case DECIMAL -> "a finite number";
      default -> "text";
    };
  }

  private static String known(Collection<Object> ids) {
    return ids == null || ids.isEmpty()
        ? "no other fields"
        : "one of "
            + ids.stream().map(Objects::toString).sorted().collect(Collectors.joining(", "));
  }

  private static String shown(Object value) {
    return switch (value) {
      case null -> "null";
      case Double d when Double.isFinite(d) ->
          BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      default -> String.valueOf(value);
    };
  }

  private static Optional<String> found(Pattern pattern, String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
