package com.diffusionlab.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.tracking.RunStatus;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ExportColumnsTest {

  private static final RecordComponent[] COMPONENTS = ExportRow.class.getRecordComponents();

  /** For the component at an index, a value no other component has. */
  private static final Map<Class<?>, IntFunction<Object>> DISTINCT_VALUES =
      Map.ofEntries(
          Map.entry(int.class, i -> i),
          Map.entry(Integer.class, i -> i),
          Map.entry(long.class, i -> (long) i),
          Map.entry(Long.class, i -> (long) i),
          Map.entry(double.class, i -> i + 0.5),
          Map.entry(Double.class, i -> i + 0.5),
          Map.entry(Boolean.class, i -> true),
          Map.entry(Instant.class, Instant::ofEpochSecond),
          Map.entry(RunStatus.class, i -> RunStatus.CANCELLED),
          Map.entry(String.class, i -> "text " + i),
          Map.entry(List.class, i -> List.of("item " + i)));

  @Test
  void columnsFollowTheRecordsComponentsInOrderNamedInSnakeCase() {
    assertThat(ExportColumns.names())
        .containsExactlyElementsOf(
            Arrays.stream(COMPONENTS)
                .map(RecordComponent::getName)
                .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
                .toList());
  }

  @Test
  void eachColumnReadsItsOwnComponent() throws ReflectiveOperationException {
    ExportRow row = rowWithADifferentValueInEveryComponent();

    for (int i = 0; i < COMPONENTS.length; i++) {
      Object component = COMPONENTS[i].getAccessor().invoke(row);
      assertThat(read(ExportColumns.ALL.get(i), row))
          .as(ExportColumns.ALL.get(i).name())
          .isEqualTo(component instanceof RunStatus status ? status.name() : component);
    }
  }

  /** What {@code column} reads from {@code row}, whatever its kind. */
  static Object read(ExportColumn column, ExportRow row) {
    return switch (column) {
      case ExportColumn.IntColumn c -> c.value().apply(row);
      case ExportColumn.LongColumn c -> c.value().apply(row);
      case ExportColumn.DoubleColumn c -> c.value().apply(row);
      case ExportColumn.BooleanColumn c -> c.value().apply(row);
      case ExportColumn.TextColumn c -> c.value().apply(row);
      case ExportColumn.InstantColumn c -> c.value().apply(row);
      case ExportColumn.DictionaryColumn c -> c.value().apply(row);
      case ExportColumn.TextListColumn c -> c.value().apply(row);
      case ExportColumn.DoubleListColumn c -> c.value().apply(row);
    };
  }

  private static ExportRow rowWithADifferentValueInEveryComponent()
      throws ReflectiveOperationException {
    Object[] values = new Object[COMPONENTS.length];
    for (int i = 0; i < COMPONENTS.length; i++) {
      values[i] = DISTINCT_VALUES.get(COMPONENTS[i].getType()).apply(i);
    }
    return ExportRow.class
        .getDeclaredConstructor(
            Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new))
        .newInstance(values);
  }
}
