package com.diffusionlab.engine.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a safetensors file tensor by tensor, so that only one tensor's bytes are in memory at a
 * time. All tensors are declared up front (the header precedes the data), then written in that
 * order. The file appears under its name only when {@link #close} finds every tensor written; until
 * then it is a sibling {@code .part} file, which a failed or incomplete write deletes.
 *
 * <p>The header holds {@code __metadata__} first, then the tensors in declaration order with
 * contiguous {@code data_offsets}, padded with spaces so that the data starts on an 8-byte
 * boundary.
 */
public final class SafetensorsWriter implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int ALIGNMENT = 8;
  private static final int CHUNK_BYTES = 1 << 16;

  private final Path file;
  private final Path partial;
  private final FileChannel channel;
  private final List<TensorSpec> tensors;
  private int next;
  private boolean closed;

  private SafetensorsWriter(
      Path file, Path partial, FileChannel channel, List<TensorSpec> tensors) {
    this.file = file;
    this.partial = partial;
    this.channel = channel;
    this.tensors = tensors;
  }

  /**
   * Starts {@code file} with a header declaring {@code tensors} in order.
   *
   * @throws IllegalArgumentException if a name repeats or metadata holds nulls
   */
  public static SafetensorsWriter create(
      Path file, Map<String, String> metadata, List<TensorSpec> tensors) throws IOException {
    List<TensorSpec> declared = List.copyOf(tensors);
    Set<String> names = new HashSet<>();
    for (TensorSpec tensor : declared) {
      if (!names.add(tensor.name())) {
        throw new IllegalArgumentException("tensor '" + tensor.name() + "' is declared twice");
      }
    }
    byte[] header = header(checkedMetadata(metadata), declared);
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    FileChannel channel =
        FileChannel.open(
            partial,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    SafetensorsWriter writer = new SafetensorsWriter(file, partial, channel, declared);
    try {
      ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      prefix.putLong(0, header.length);
      writer.writeFully(prefix);
      writer.writeFully(ByteBuffer.wrap(header));
    } catch (IOException | RuntimeException e) {
      writer.abandon(e);
      throw e;
    }
    return writer;
  }

  /** Writes a whole file from named arrays, in the map's order, with their own dtypes. */
  public static void writeAll(
      Path file, Map<String, String> metadata, SequencedMap<String, NDArray> arrays)
      throws IOException {
    List<TensorSpec> specs = new ArrayList<>();
    arrays.forEach(
        (name, array) ->
            specs.add(new TensorSpec(name, dtypeOf(name, array), array.getShape().getShape())));
    try (SafetensorsWriter writer = create(file, metadata, specs)) {
      for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
        writer.write(entry.getKey(), entry.getValue());
      }
    }
  }

  /**
   * Writes the next tensor from an array of its declared shape. The array's own dtype is written as
   * is; a FLOAT32 or FLOAT64 array may also fill an F32 or F16 declaration (rounded to nearest).
   */
  public void write(String name, NDArray array) throws IOException {
    TensorSpec tensor = expectNext(name);
    if (!array.getShape().equals(tensor.djlShape())) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "' is declared "
              + tensor.djlShape()
              + ", array is "
              + array.getShape());
    }
    if (SafetensorsDtype.of(array.getDataType()).orElse(null) == tensor.dtype()) {
      writeNativeArray(tensor, array);
    } else if (array.getDataType().isFloating() && isWritableFromFloats(tensor.dtype())) {
      try (NDArray floats = array.toType(DataType.FLOAT32, true)) {
        writeFloats(tensor, floats.toFloatArray());
      }
    } else {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "' is declared "
              + tensor.dtype()
              + " but the array is "
              + array.getDataType());
    }
  }

  /** Writes the next tensor, declared F32 or F16, from float values in row-major order. */
  public void write(String name, float[] values) throws IOException {
    TensorSpec tensor = expectNext(name);
    if (!isWritableFromFloats(tensor.dtype())) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' is declared " + tensor.dtype() + "; float values fill F32 or F16");
    }
    if (values.length != tensor.elementCount()) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "' has "
              + tensor.elementCount()
              + " elements, got "
              + values.length
              + " values");
    }
    writeFloats(tensor, values);
  }

  /** Writes the next tensor from its exact little-endian bytes, whatever its dtype. */
  public void writeRaw(String name, ByteBuffer littleEndianBytes) throws IOException {
    TensorSpec tensor = expectNext(name);
    if (littleEndianBytes.remaining() != tensor.byteSize()) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "' needs "
              + tensor.byteSize()
              + " bytes, got "
              + littleEndianBytes.remaining());
    }
    writeFully(littleEndianBytes.duplicate());
    next++;
  }

  /**
   * Publishes the file if every declared tensor was written; otherwise deletes the partial file.
   *
   * @throws IllegalStateException if tensors are missing (the file is then not created)
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (next < tensors.size()) {
      IllegalStateException incomplete =
          new IllegalStateException(
              file
                  + ": only "
                  + next
                  + " of "
                  + tensors.size()
                  + " tensors were written; missing '"
                  + tensors.get(next).name()
                  + "' and after; the file was not created");
      abandon(incomplete);
      throw incomplete;
    }
    try (channel) {
      channel.force(true);
    }
    try {
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private TensorSpec expectNext(String name) {
    if (closed) {
      throw new IllegalStateException(file + ": writer is closed");
    }
    if (next == tensors.size()) {
      throw new IllegalStateException(
          file + ": all " + tensors.size() + " declared tensors are written; got '" + name + "'");
    }
    TensorSpec expected = tensors.get(next);
    if (!expected.name().equals(name)) {
      throw new IllegalStateException(
          file + ": tensor '" + expected.name() + "' must be written next, got '" + name + "'");
    }
    return expected;
  }

  private void writeNativeArray(TensorSpec tensor, NDArray array) throws IOException {
    NDArray onCpu = array.toDevice(Device.cpu(), false);
    try {
      ByteBuffer bytes = onCpu.toByteBuffer();
      writeRaw(tensor.name(), toLittleEndian(bytes, tensor.dtype().byteSize()));
    } finally {
      if (onCpu != array) {
        onCpu.close();
      }
    }
  }

  private void writeFloats(TensorSpec tensor, float[] values) throws IOException {
    int bytesPerValue = tensor.dtype().byteSize();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      if (chunk.remaining() < bytesPerValue) {
        writeFully(chunk.flip());
        chunk.clear();
      }
      if (tensor.dtype() == SafetensorsDtype.F32) {
        chunk.putFloat(value);
      } else {
        chunk.putShort(Float.floatToFloat16(value));
      }
    }
    writeFully(chunk.flip());
    next++;
  }

  private static boolean isWritableFromFloats(SafetensorsDtype dtype) {
    return dtype == SafetensorsDtype.F32 || dtype == SafetensorsDtype.F16;
  }

  private static ByteBuffer toLittleEndian(ByteBuffer bytes, int elementBytes) {
    if (bytes.order() == ByteOrder.LITTLE_ENDIAN || elementBytes == 1) {
      return bytes;
    }
    ByteBuffer swapped = ByteBuffer.allocate(bytes.remaining());
    for (int i = bytes.position(); i < bytes.limit(); i += elementBytes) {
      for (int k = elementBytes - 1; k >= 0; k--) {
        swapped.put(bytes.get(i + k));
      }
    }
    return swapped.flip();
  }

  private static SafetensorsDtype dtypeOf(String name, NDArray array) {
    return SafetensorsDtype.of(array.getDataType())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "tensor '" + name + "' has type " + array.getDataType() + ", not writable"));
  }

  private static Map<String, String> checkedMetadata(Map<String, String> metadata) {
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach(
        (key, value) -> {
          if (key == null || value == null) {
            throw new IllegalArgumentException(
                "metadata keys and values must not be null: " + key + " = " + value);
          }
          copy.put(key, value);
        });
    return copy;
  }

  private static byte[] header(Map<String, String> metadata, List<TensorSpec> tensors) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), json)) {
      out.writeStartObject();
      out.writeName(SafetensorsHeader.METADATA_KEY);
      out.writeStartObject();
      for (Map.Entry<String, String> entry : metadata.entrySet()) {
        out.writeName(entry.getKey());
        out.writeString(entry.getValue());
      }
      out.writeEndObject();
      long offset = 0;
      for (TensorSpec tensor : tensors) {
        out.writeName(tensor.name());
        out.writeStartObject();
        out.writeName("dtype");
        out.writeString(tensor.dtype().name());
        out.writeName("shape");
        out.writeArray(tensor.shape(), 0, tensor.shape().length);
        out.writeName("data_offsets");
        out.writeArray(new long[] {offset, offset + tensor.byteSize()}, 0, 2);
        out.writeEndObject();
        offset += tensor.byteSize();
      }
      out.writeEndObject();
    }
    int padding = (ALIGNMENT - json.size() % ALIGNMENT) % ALIGNMENT;
    json.writeBytes(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
    return json.toByteArray();
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private void abandon(Exception failure) {
    closed = true;
    try {
      channel.close();
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
