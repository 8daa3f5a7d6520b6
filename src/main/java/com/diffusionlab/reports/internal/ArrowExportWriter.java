package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a run export as an Arrow IPC file (Feather v2: what {@code pandas.read_feather}, {@code
 * polars.read_ipc}, DuckDB and Arrow JS's {@code tableFromIPC} open) as rows arrive, one record
 * batch of at most {@code batchRows} rows at a time, so memory stays bounded however many rows
 * there are. Columns and their order come from {@link ExportColumns}.
 *
 * <p>Dictionary columns: the file format carries each dictionary once, before the first batch; it
 * forbids replacing one later, and Arrow Java's file writer cannot write the delta dictionaries the
 * format would allow. So every dictionary is complete from the start: status from {@link
 * com.diffusionlab.tracking.RunStatus}, the others from the {@link ExportVocabulary} the export is
 * opened with. Plain dictionaries with int32 indices are what every reader handles.
 *
 * <p>Not thread-safe. Closing writes the last batch and the footer, closes the destination and
 * frees all of the export's memory; a file that was not closed has no footer and will not open.
 * After {@link #write} has thrown, the export is broken: close it and discard the file.
 */
public final class ArrowExportWriter implements AutoCloseable {

  /** Large enough that per-batch overhead is negligible, small enough to stay a few megabytes. */
  public static final int DEFAULT_BATCH_ROWS = 8192;

  private final BufferAllocator allocator;
  private final ArrowDictionaries dictionaries;
  private final VectorSchemaRoot root;
  private final ArrowFileWriter writer;
  private final List<ArrowColumns.CellWriter> cells;
  private final int batchRows;
  private int rowsInBatch;

  private ArrowExportWriter(
      BufferAllocator allocator,
      ArrowDictionaries dictionaries,
      VectorSchemaRoot root,
      ArrowFileWriter writer,
      int batchRows) {
    this.allocator = allocator;
    this.dictionaries = dictionaries;
    this.root = root;
    this.writer = writer;
    this.batchRows = batchRows;
    this.cells =
        ExportColumns.ALL.stream()
            .map(column -> ArrowColumns.writer(column, root.getVector(column.name()), dictionaries))
            .toList();
  }

  /**
   * Starts the file at once, with its schema and every dictionary.
   *
   * @param vocabulary the values the open dictionary columns may take in this export
   */
  public static ArrowExportWriter open(
      OutputStream out, ExportMetadata metadata, ExportVocabulary vocabulary) throws IOException {
    return open(Channels.newChannel(out), metadata, vocabulary);
  }

  /** Starts the file at once, with its schema and every dictionary. */
  public static ArrowExportWriter open(
      WritableByteChannel out, ExportMetadata metadata, ExportVocabulary vocabulary)
      throws IOException {
    return open(out, metadata, vocabulary, DEFAULT_BATCH_ROWS, new RootAllocator());
  }

  /** Takes ownership of {@code allocator}: the writer closes it. */
  static ArrowExportWriter open(
      WritableByteChannel out,
      ExportMetadata metadata,
      ExportVocabulary vocabulary,
      int batchRows,
      BufferAllocator allocator)
      throws IOException {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows=" + batchRows + " must be at least 1");
    }
    ArrowDictionaries dictionaries = null;
    VectorSchemaRoot root = null;
    ArrowFileWriter writer = null;
    try {
      dictionaries = ArrowDictionaries.of(ExportColumns.ALL, vocabulary, allocator);
      ArrowDictionaries encoded = dictionaries;
      Schema schema =
          new Schema(
              ExportColumns.ALL.stream()
                  .map(column -> ArrowColumns.field(column, encoded))
                  .toList(),
              metadata.asSchemaMetadata());
      root = VectorSchemaRoot.create(schema, allocator);
      root.allocateNew();
      writer = new ArrowFileWriter(root, dictionaries.provider(), out);
      writer.start();
      return new ArrowExportWriter(allocator, dictionaries, root, writer, batchRows);
    } catch (IOException | RuntimeException e) {
      try {
        AutoCloseables.close(writer, root, dictionaries, allocator);
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * @throws IllegalArgumentException when a dictionary column's value is not in the vocabulary
   */
  public void write(ExportRow row) throws IOException {
    for (ArrowColumns.CellWriter cell : cells) {
      cell.write(row, rowsInBatch);
    }
    rowsInBatch++;
    if (rowsInBatch == batchRows) {
      writeBatch();
    }
  }

  @Override
  public void close() throws IOException {
    try (allocator;
        dictionaries;
        root;
        writer) {
      if (rowsInBatch > 0) {
        writeBatch();
      }
      writer.end();
    }
  }

  private void writeBatch() throws IOException {
    root.setRowCount(rowsInBatch);
    writer.writeBatch();
    // reset rather than clear: the next batch reuses the buffers this one grew
    root.getFieldVectors().forEach(ValueVector::reset);
    rowsInBatch = 0;
  }
}
