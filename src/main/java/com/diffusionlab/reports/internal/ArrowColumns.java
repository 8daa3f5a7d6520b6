package com.diffusionlab.reports.internal;

import com.diffusionlab.reports.internal.ExportColumn.BooleanColumn;
import com.diffusionlab.reports.internal.ExportColumn.DictionaryColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleColumn;
import com.diffusionlab.reports.internal.ExportColumn.DoubleListColumn;
import com.diffusionlab.reports.internal.ExportColumn.InstantColumn;
import com.diffusionlab.reports.internal.ExportColumn.IntColumn;
import com.diffusionlab.reports.internal.ExportColumn.LongColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextColumn;
import com.diffusionlab.reports.internal.ExportColumn.TextListColumn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * How each kind of {@link ExportColumn} is laid out in Arrow: its field, and how a row fills it.
 */
final class ArrowColumns {

  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType FLOAT64 =
      new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  private static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");

  /** The child's name pyarrow and Arrow C++ give list items; Arrow Java's default is "$data$". */
  private static final String LIST_ITEM = "item";

  /** Puts one row's value of one column at a position of the current batch. */
  interface CellWriter {
    void write(ExportRow row, int index);
  }

  private interface Setter<T> {
    void set(int index, T value);
  }

  private ArrowColumns() {}

  static Field field(ExportColumn column, ArrowDictionaries dictionaries) {
    return switch (column) {
      case IntColumn c -> leaf(c, INT32);
      case LongColumn c -> leaf(c, INT64);
      case DoubleColumn c -> leaf(c, FLOAT64);
      case BooleanColumn c -> leaf(c, ArrowType.Bool.INSTANCE);
      case TextColumn c -> leaf(c, ArrowType.Utf8.INSTANCE);
      case InstantColumn c -> leaf(c, TIMESTAMP);
      case DictionaryColumn c -> {
        // Arrow Java types the field by its indices in memory and by its values in the file
        DictionaryEncoding encoding = dictionaries.encoding(c);
        yield new Field(
            c.name(), new FieldType(c.nullable(), encoding.getIndexType(), encoding), null);
      }
      case TextListColumn c -> list(c, ArrowType.Utf8.INSTANCE);
      case DoubleListColumn c -> list(c, FLOAT64);
    };
  }

  /** {@code vector} is the one {@link #field} made for {@code column}. */
  static CellWriter writer(
      ExportColumn column, FieldVector vector, ArrowDictionaries dictionaries) {
    return switch (column) {
      case IntColumn c -> {
        IntVector ints = (IntVector) vector;
        yield cells(c.value(), vector, ints::setSafe);
      }
      case LongColumn c -> {
        BigIntVector longs = (BigIntVector) vector;
        yield cells(c.value(), vector, longs::setSafe);
      }
      case DoubleColumn c -> {
        Float8Vector doubles = (Float8Vector) vector;
        yield cells(c.value(), vector, doubles::setSafe);
      }
      case BooleanColumn c -> {
        BitVector bits = (BitVector) vector;
        yield cells(c.value(), vector, (index, value) -> bits.setSafe(index, value ? 1 : 0));
      }
      case TextColumn c -> {
        VarCharVector texts = (VarCharVector) vector;
        yield cells(c.value(), vector, (index, value) -> texts.setSafe(index, utf8(value)));
      }
      case InstantColumn c -> {
        TimeStampMicroTZVector instants = (TimeStampMicroTZVector) vector;
        yield cells(c.value(), vector, (index, value) -> instants.setSafe(index, micros(value)));
      }
      case DictionaryColumn c -> {
        IntVector indices = (IntVector) vector;
        yield cells(
            c.value(),
            vector,
            (index, value) -> indices.setSafe(index, dictionaries.index(c, value)));
      }
      case TextListColumn c -> {
        ListVector lists = (ListVector) vector;
        VarCharVector items = (VarCharVector) lists.getDataVector();
        yield lists(c.value(), lists, (index, value) -> items.setSafe(index, utf8(value)));
      }
      case DoubleListColumn c -> {
        ListVector lists = (ListVector) vector;
        Float8Vector items = (Float8Vector) lists.getDataVector();
        yield lists(c.value(), lists, items::setSafe);
      }
    };
  }

  /** Microseconds since the epoch, rounded down like {@code Instant.truncatedTo(MICROS)}. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static Field leaf(ExportColumn column, ArrowType type) {
    return new Field(column.name(), new FieldType(column.nullable(), type, null), null);
  }

  private static Field list(ExportColumn column, ArrowType itemType) {
    return new Field(
        column.name(),
        FieldType.notNullable(ArrowType.List.INSTANCE),
        List.of(new Field(LIST_ITEM, FieldType.notNullable(itemType), null)));
  }

  private static <T> CellWriter cells(
      Function<ExportRow, T> value, FieldVector vector, Setter<T> setter) {
    return (row, index) -> {
      T cell = value.apply(row);
      if (cell == null) {
        vector.setNull(index);
      } else {
        setter.set(index, cell);
      }
    };
  }

  private static <T> CellWriter lists(
      Function<ExportRow, List<T>> value, ListVector lists, Setter<T> items) {
    return (row, index) -> {
      List<T> list = value.apply(row);
      int start = lists.startNewValue(index);
      for (int i = 0; i < list.size(); i++) {
        items.set(start + i, list.get(i));
      }
      lists.endValue(index, list.size());
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
