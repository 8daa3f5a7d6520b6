package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.RunStatus;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.DictionaryUtility;
import org.apache.arrow.vector.util.Text;

/**
 * An Arrow export read back with Arrow Java's {@link ArrowFileReader}, the columns decoded by their
 * vectors' types alone, into rows built with the record's canonical constructor (whose components
 * {@link ExportColumnsTest} checks are in the columns' order).
 *
 * @param schema as the file stores it: a dictionary column typed by its values, not its indices
 * @param dictionaries each dictionary column's values, in index order
 * @param batchRows the number of rows of each record batch, in file order
 */
record ArrowExportFile(
    Schema schema,
    Map<String, List<String>> dictionaries,
    List<Integer> batchRows,
    List<ExportRow> rows) {

  static ArrowExportFile read(SeekableByteChannel file) throws IOException {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(file, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      List<Integer> batchRows = new ArrayList<>();
      List<ExportRow> rows = new ArrayList<>();
      while (reader.loadNextBatch()) {
        batchRows.add(root.getRowCount());
        for (int row = 0; row < root.getRowCount(); row++) {
          rows.add(row(root, row, reader.getDictionaryVectors()));
        }
      }
      Schema stored =
          new Schema(
              root.getSchema().getFields().stream()
                  .map(field -> DictionaryUtility.toMessageFormat(field, reader, new HashSet<>()))
                  .toList(),
              root.getSchema().getCustomMetadata());
      return new ArrowExportFile(
          stored, dictionaryValues(root, reader.getDictionaryVectors()), batchRows, rows);
    }
  }

  private static ExportRow row(VectorSchemaRoot root, int row, Map<Long, Dictionary> dictionaries) {
    RecordComponent[] components = ExportRow.class.getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      Object value = value(root.getVector(i), row, dictionaries);
      values[i] =
          components[i].getType() == RunStatus.class ? RunStatus.valueOf((String) value) : value;
    }
    try {
      Constructor<ExportRow> constructor =
          ExportRow.class.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object value(FieldVector vector, int row, Map<Long, Dictionary> dictionaries) {
    if (vector.isNull(row)) {
      return null;
    }
    DictionaryEncoding encoding = vector.getField().getDictionary();
    if (encoding != null) {
      VarCharVector values = (VarCharVector) dictionaries.get(encoding.getId()).getVector();
      return values.getObject(((IntVector) vector).get(row)).toString();
    }
    return switch (vector) {
      case VarCharVector texts -> texts.getObject(row).toString();
      case TimeStampMicroTZVector instants ->
          Instant.EPOCH.plus(instants.get(row), ChronoUnit.MICROS);
      case ListVector lists ->
          lists.getObject(row).stream()
              .map(item -> item instanceof Text text ? text.toString() : item)
              .toList();
      default -> vector.getObject(row);
    };
  }

  private static Map<String, List<String>> dictionaryValues(
      VectorSchemaRoot root, Map<Long, Dictionary> dictionaries) {
    return root.getSchema().getFields().stream()
        .filter(field -> field.getDictionary() != null)
        .collect(
            Collectors.toMap(
                Field::getName,
                field -> {
                  VarCharVector values =
                      (VarCharVector) dictionaries.get(field.getDictionary().getId()).getVector();
                  List<String> list = new ArrayList<>();
                  for (int i = 0; i < values.getValueCount(); i++) {
                    list.add(values.getObject(i).toString());
                  }
                  return list;
                }));
  }
}
