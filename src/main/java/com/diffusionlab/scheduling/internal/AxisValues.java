package com.diffusionlab.scheduling.internal;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.scheduling.SweepAxis;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.SettingField;
import com.diffusionlab.tracking.SettingField.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Axis values in AUTOMATIC1111's X/Y/Z plot syntax: comma-separated items, where an item of a
 * numeric field may be a range. {@code 1-5} counts by one with both ends included, {@code 1-5 (+2)}
 * steps by two, {@code 10-5 (-3)} counts down, {@code 2-10 [5]} takes five evenly spaced values
 * (whole-number fields drop the fraction, as A1111's {@code int()} does).
 *
 * <p>Unlike A1111, a range whose step points away from its end ({@code 5-1} with the default step
 * of +1, which A1111 silently turns into no values) is an error; a descending range includes its
 * end when the step reaches it ({@code 10-4 (-3)} gives 10, 7, 4; A1111 stops at 7); a decimal
 * range never passes its end ({@code 1-2 (+0.3)} stops at 1.9; A1111's {@code arange} adds 2.2);
 * and the step's sign may be left out ({@code 1-5 (2)}).
 */
public final class AxisValues {

  private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";

  // An item's own sign belongs to the number, so "-1" and "-5--1" are not mistaken for ranges
  // with a missing start.
  private static final Pattern RANGE =
      Pattern.compile(
          "\\s*(%1$s)\\s*-\\s*(%1$s)\\s*(?:\\(\\s*(%1$s)\\s*\\)|\\[\\s*(\\d+)\\s*])?\\s*"
              .formatted(NUMBER));

  private static final Pattern PLAIN_NUMBER = Pattern.compile("\\s*" + NUMBER + "\\s*");

  private AxisValues() {}

  /**
   * Comma-separated items, each stripped; an item in double quotes may hold commas, and {@code ""}
   * inside it is one quote.
   *
   * @throws InvalidRequestException for an unclosed quote or text after a closing one
   */
  public static List<String> split(String text) {
    List<String> items = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int end;
      if (i < text.length() && text.charAt(i) == '"') {
        StringBuilder item = new StringBuilder();
        i = quoted(text, i + 1, item);
        items.add(item.toString());
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        if (i < text.length() && text.charAt(i) != ',') {
          throw badQuotes(text);
        }
        end = i;
      } else {
        end = text.indexOf(',', i);
        end = end < 0 ? text.length() : end;
        items.add(text.substring(i, end).strip());
      }
      if (end >= text.length()) {
        return items;
      }
      i = end + 1;
    }
  }

  private static int quoted(String text, int from, StringBuilder item) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '"') {
        item.append(c);
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
        item.append('"');
        i++;
      } else {
        return i + 1;
      }
    }
    throw badQuotes(text);
  }

  private static InvalidRequestException badQuotes(String text) {
    return new InvalidRequestException(
        "values",
        text,
        "comma-separated values; a value in double quotes may hold commas, and \"\" in it is a"
            + " quote");
  }

  /**
   * One item's values: a range of a numeric field expands, anything else is one value. Each value
   * is checked with {@link GenerationFields#parse}.
   *
   * @throws InvalidRequestException with the item as the value and what the field allows
   */
  public static List<Object> expand(SettingField field, String item) {
    Matcher range = RANGE.matcher(item);
    if (!field.numeric() || !range.matches()) {
      return List.of(single(field, item));
    }
    BigDecimal start = number(field, item, range.group(1));
    BigDecimal end = number(field, item, range.group(2));
    List<BigDecimal> numbers =
        range.group(4) != null
            ? counted(field, item, start, end, new BigInteger(range.group(4)))
            : stepped(
                item,
                start,
                end,
                range.group(3) == null ? BigDecimal.ONE : number(field, item, range.group(3)));
    return numbers.stream().map(n -> checked(field, item, n)).toList();
  }

  private static Object single(SettingField field, String item) {
    try {
      return GenerationFields.parse(field, item);
    } catch (InvalidRequestException e) {
      String hint =
          field.numeric() && !PLAIN_NUMBER.matcher(item).matches()
              ? ", or a range such as 1-5, 1-5 (+2) or 2-10 [5]"
              : "";
      throw refused(field, item, allowed(e) + hint);
    }
  }

  private static BigDecimal number(SettingField field, String item, String text) {
    BigDecimal number = new BigDecimal(text);
    if (field.kind() == Kind.INTEGER && number.stripTrailingZeros().scale() > 0) {
      throw refused(field, item, "whole numbers in a range of " + field.name() + ", e.g. 1-5 (+2)");
    }
    return number;
  }

  private static List<BigDecimal> stepped(
      String item, BigDecimal start, BigDecimal end, BigDecimal step) {
    if (step.signum() == 0) {
      throw new InvalidRequestException("values", item, "a range step other than 0, e.g. 1-5 (+2)");
    }
    BigDecimal distance = end.subtract(start);
    if (distance.signum() != 0 && distance.signum() != step.signum()) {
      String example = step.signum() > 0 ? "(-1)" : "(+1)";
      throw new InvalidRequestException(
          "values",
          item,
          "a step that goes from %s towards %s, e.g. %s-%s %s"
              .formatted(
                  start.toPlainString(),
                  end.toPlainString(),
                  start.toPlainString(),
                  end.toPlainString(),
                  example));
    }
    BigInteger count =
        distance.divide(step, 0, RoundingMode.DOWN).toBigIntegerExact().add(BigInteger.ONE);
    checkCount(item, count);
    List<BigDecimal> numbers = new ArrayList<>();
    for (int i = 0; i < count.intValueExact(); i++) {
      numbers.add(start.add(step.multiply(BigDecimal.valueOf(i))));
    }
    return numbers;
  }

  private static List<BigDecimal> counted(
      SettingField field, String item, BigDecimal start, BigDecimal end, BigInteger count) {
    if (count.signum() <= 0) {
      throw new InvalidRequestException("values", item, "a count of at least 1, e.g. 2-10 [5]");
    }
    checkCount(item, count);
    int n = count.intValueExact();
    if (n == 1) {
      return List.of(start);
    }
    // Exact arithmetic, so that the last value is the end and whole numbers truncate like int().
    BigDecimal intervals = BigDecimal.valueOf(n - 1L);
    BigDecimal span = end.subtract(start);
    List<BigDecimal> numbers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BigDecimal numerator = start.multiply(intervals).add(span.multiply(BigDecimal.valueOf(i)));
      numbers.add(
          field.kind() == Kind.INTEGER
              ? numerator.divide(intervals, 0, RoundingMode.DOWN)
              : numerator.divide(intervals, MathContext.DECIMAL64));
    }
    return numbers;
  }

  private static void checkCount(String item, BigInteger count) {
    if (count.compareTo(BigInteger.valueOf(SweepAxis.MAX_VALUES)) > 0) {
      throw new InvalidRequestException(
          "values", item, "at most " + SweepAxis.MAX_VALUES + " values per axis, not " + count);
    }
  }

  private static Object checked(SettingField field, String item, BigDecimal number) {
    String text =
        field.kind() == Kind.INTEGER
            ? number.toBigIntegerExact().toString()
            : number.stripTrailingZeros().toPlainString();
    try {
      return GenerationFields.parse(field, text);
    } catch (InvalidRequestException e) {
      throw refused(field, item, allowed(e) + " (the range includes " + text + ")");
    }
  }

  private static String allowed(InvalidRequestException e) {
    FieldError error = e.errors().getFirst();
    return error.field() + " takes " + error.allowed();
  }

  private static InvalidRequestException refused(SettingField field, String item, String allowed) {
    return new InvalidRequestException(field.name(), item, allowed);
  }
}
