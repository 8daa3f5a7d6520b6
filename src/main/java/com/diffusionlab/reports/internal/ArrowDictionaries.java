package com.diffusionlab.reports.internal;

import com.diffusionlab.reports.internal.ExportColumn.DictionaryColumn;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * The dictionaries of one Arrow export, one per dictionary column, each complete before the first
 * record batch: the IPC file format writes every dictionary once, ahead of the batches, and Arrow
 * Java's {@code ArrowFileWriter} writes them when the file starts and ignores later changes.
 */
final class ArrowDictionaries implements AutoCloseable {

  /**
   * Signed 32-bit indices: the default of pyarrow and Arrow JS, and what polars maps most simply.
   */
  private static final ArrowType.Int INDEX_TYPE = new ArrowType.Int(32, true);

  private record Encoded(DictionaryEncoding encoding, Map<String, Integer> indices) {}

  private final DictionaryProvider.MapDictionaryProvider provider;
  private final Map<DictionaryColumn, Encoded> columns;

  private ArrowDictionaries(
      DictionaryProvider.MapDictionaryProvider provider, Map<DictionaryColumn, Encoded> columns) {
    this.provider = provider;
    this.columns = columns;
  }

  static ArrowDictionaries of(
      List<ExportColumn> columns, ExportVocabulary vocabulary, BufferAllocator allocator) {
    DictionaryProvider.MapDictionaryProvider provider =
        new DictionaryProvider.MapDictionaryProvider();
    try {
      Map<DictionaryColumn, Encoded> encoded = new HashMap<>();
      for (ExportColumn column : columns) {
        if (column instanceof DictionaryColumn dictionaryColumn) {
          DictionaryEncoding encoding = new DictionaryEncoding(encoded.size(), false, INDEX_TYPE);
          VarCharVector values = new VarCharVector(column.name(), allocator);
          provider.put(new Dictionary(values, encoding));
          encoded.put(
              dictionaryColumn,
              new Encoded(encoding, fill(values, vocabulary.valuesOf(dictionaryColumn))));
        }
      }
      return new ArrowDictionaries(provider, Map.copyOf(encoded));
    } catch (RuntimeException e) {
      provider.close();
      throw e;
    }
  }

  DictionaryProvider provider() {
    return provider;
  }

  DictionaryEncoding encoding(DictionaryColumn column) {
    return columns.get(column).encoding();
  }

  /**
   * @throws IllegalArgumentException when the value is not in the export's vocabulary: it cannot be
   *     added once the file has started
   */
  int index(DictionaryColumn column, String value) {
    Integer index = columns.get(column).indices().get(value);
    if (index == null) {
      throw new IllegalArgumentException(
          column.name()
              + "='"
              + value
              + "' is not in this export's vocabulary: list it in the ExportVocabulary the"
              + " writer is opened with");
    }
    return index;
  }

  @Override
  public void close() {
    provider.close();
  }

  private static Map<String, Integer> fill(VarCharVector vector, List<String> values) {
    Map<String, Integer> indices = new HashMap<>();
    vector.allocateNew(values.size());
    for (int i = 0; i < values.size(); i++) {
      vector.setSafe(i, values.get(i).getBytes(StandardCharsets.UTF_8));
      indices.put(values.get(i), i);
    }
    vector.setValueCount(values.size());
    return Map.copyOf(indices);
  }
}
