package com.diffusionlab.engine.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A safetensors file opened for reading tensor by tensor, of any size. {@link #open} reads and
 * validates the whole header; each read then streams only that tensor's bytes into a reusable raw
 * buffer, converts them into a staging buffer and hands libtorch its own copy, so memory holds one
 * tensor at a time beyond what the caller keeps.
 *
 * <p>Reads are positional rather than memory-mapped: Java unmaps a mapping only when the garbage
 * collector finds it, and until then its file pages count as resident memory. Loading a 2.1 GB SD
 * 1.5 checkpoint through per-tensor mappings peaked 2 GB higher (7.3 GB) than the weights need.
 *
 * <p>Reads are serialised per file (they share the staging buffer); open one instance per thread to
 * read in parallel.
 */
public final class SafetensorsFile implements AutoCloseable {
  private static final int LENGTH_PREFIX_BYTES = 8;

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final SafetensorsHeader header;
  private final Object readLock = new Object();
  private ByteBuffer staging;
  private ByteBuffer raw;

  private SafetensorsFile(
      Path file, FileChannel channel, long dataStart, SafetensorsHeader header) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.header = header;
  }

  /**
   * Opens {@code file} and validates its header completely: every declared tensor lies inside the
   * file, no two overlap, no byte of the data region is left uncovered, and each byte count matches
   * its shape and dtype.
   *
   * @throws PickleRefusedException if the bytes are a pickle, whatever the file name
   * @throws InvalidSafetensorsException if the file is not a well-formed safetensors file
   * @throws ModelFormatException if the file cannot be read
   */
  public static SafetensorsFile open(Path file) {
    return open(file, SafetensorsHeader.Limits.DEFAULT);
  }

  static SafetensorsFile open(Path file, SafetensorsHeader.Limits limits) {
    ModelFileFormat format = ModelFileFormat.detect(file);
    if (format.isPickle()) {
      throw new PickleRefusedException(file, format);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      long size = channel.size();
      long headerLength = readHeaderLength(file, channel, size);
      byte[] json = new byte[(int) headerLength];
      readFully(channel, ByteBuffer.wrap(json), LENGTH_PREFIX_BYTES);
      long dataStart = LENGTH_PREFIX_BYTES + headerLength;
      SafetensorsHeader header = SafetensorsHeader.parse(file, json, size - dataStart, limits);
      return new SafetensorsFile(file, channel, dataStart, header);
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new ModelFormatException(file, "cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /** The file this was opened from. */
  public Path file() {
    return file;
  }

  /** Every tensor, ordered by its position in the file. */
  public SequencedMap<String, TensorInfo> tensors() {
    return header.tensors();
  }

  /** The header's {@code __metadata__} (empty if it has none). */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  /** The declaration of tensor {@code name}. */
  public TensorInfo tensor(String name) {
    TensorInfo tensor = header.tensors().get(name);
    if (tensor == null) {
      throw new ModelFormatException(file, "has no tensor '" + name + "'");
    }
    return tensor;
  }

  /**
   * Reads a floating-point tensor (F64, F32, F16, BF16, F8_E4M3, F8_E5M2) converted to {@code
   * target}, into an array owned by {@code manager} on its device.
   *
   * @param target {@link DataType#FLOAT32} or {@link DataType#FLOAT16}
   * @throws ModelFormatException if there is no such tensor, it is not floating-point, or it is
   *     larger than one array can be
   */
  public NDArray read(String name, NDManager manager, DataType target) {
    if (target != DataType.FLOAT32 && target != DataType.FLOAT16) {
      throw new IllegalArgumentException("target must be FLOAT32 or FLOAT16, got " + target);
    }
    TensorInfo tensor = requireFloatingPoint(name);
    int bytes = arrayBytes(tensor, target.getNumOfBytes());
    synchronized (readLock) {
      ByteBuffer buffer = stagingBuffer(bytes);
      ByteBuffer source = readRaw(tensor);
      if (target == DataType.FLOAT32) {
        FloatConversion.toFloat32(source, tensor.dtype(), buffer.asFloatBuffer());
      } else {
        FloatConversion.toFloat16(source, tensor.dtype(), buffer.asShortBuffer());
      }
      return ownedArray(buffer, tensor, target, manager);
    }
  }

  /**
   * Reads a tensor in its stored type, for the dtypes that have a {@link
   * SafetensorsDtype#djlType()}: BOOL, U8, I8, I32, I64, F16, F32, F64 (e.g. {@code position_ids}).
   *
   * @throws ModelFormatException if there is no such tensor, DJL cannot hold its dtype, or it is
   *     larger than one array can be
   */
  public NDArray readNative(String name, NDManager manager) {
    TensorInfo tensor = tensor(name);
    DataType type =
        tensor
            .dtype()
            .djlType()
            .orElseThrow(
                () ->
                    new ModelFormatException(
                        file,
                        "tensor '"
                            + name
                            + "' has dtype "
                            + tensor.dtype()
                            + ", which DJL cannot hold as stored"
                            + (tensor.dtype().isFloatingPoint()
                                ? "; read it converted to FLOAT32 or FLOAT16"
                                : "")));
    int bytes = arrayBytes(tensor, tensor.dtype().byteSize());
    synchronized (readLock) {
      ByteBuffer buffer = stagingBuffer(bytes);
      copyToNativeOrder(readRaw(tensor), tensor.dtype().byteSize(), buffer);
      return ownedArray(buffer, tensor, type, manager);
    }
  }

  /**
   * Reads a floating-point tensor as float32 values in row-major order, without DJL.
   *
   * @throws ModelFormatException if there is no such tensor, it is not floating-point, or it has
   *     more elements than a Java array can hold
   */
  public float[] readFloats(String name) {
    TensorInfo tensor = requireFloatingPoint(name);
    float[] values = new float[arrayBytes(tensor, Float.BYTES) / Float.BYTES];
    synchronized (readLock) {
      FloatConversion.toFloat32(readRaw(tensor), tensor.dtype(), FloatBuffer.wrap(values));
    }
    return values;
  }

  @Override
  public void close() {
    synchronized (readLock) {
      staging = null;
      raw = null;
      try {
        channel.close();
      } catch (IOException e) {
        throw new ModelFormatException(file, "cannot close: " + e.getMessage(), e);
      }
    }
  }

  private TensorInfo requireFloatingPoint(String name) {
    TensorInfo tensor = tensor(name);
    if (!tensor.dtype().isFloatingPoint()) {
      throw new ModelFormatException(
          file,
          "tensor '"
              + name
              + "' has dtype "
              + tensor.dtype()
              + ", not a floating-point type; read it with readNative");
    }
    return tensor;
  }

  private int arrayBytes(TensorInfo tensor, int bytesPerElement) {
    long bytes = tensor.elementCount() * bytesPerElement;
    // Java buffers, file mappings and DJL's array creation all index with int
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException(
          file,
          "tensor '"
              + tensor.name()
              + "' needs "
              + bytes
              + " bytes in memory; one array holds at most 2 GiB");
    }
    return (int) bytes;
  }

  private ByteBuffer stagingBuffer(int bytes) {
    if (!channel.isOpen()) {
      throw new IllegalStateException(file + " is closed");
    }
    if (staging == null || staging.capacity() < bytes) {
      staging = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
    return staging.clear().limit(bytes).slice().order(ByteOrder.nativeOrder());
  }

  /** The tensor's stored bytes, in a buffer reused by the next read. */
  private ByteBuffer readRaw(TensorInfo tensor) {
    if (!channel.isOpen()) {
      throw new IllegalStateException(file + " is closed");
    }
    int bytes = arrayBytes(tensor, tensor.dtype().byteSize());
    if (raw == null || raw.capacity() < bytes) {
      raw = ByteBuffer.allocateDirect(bytes);
    }
    ByteBuffer target = raw.clear().limit(bytes).slice();
    try {
      readFully(channel, target, dataStart + tensor.begin());
      return target.flip().order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new ModelFormatException(
          file, "cannot read tensor '" + tensor.name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Gives {@code manager} an array with its own storage. DJL wraps a direct buffer without copying
   * on the CPU, so the staging buffer is copied by libtorch before it is reused.
   */
  private static NDArray ownedArray(
      ByteBuffer buffer, TensorInfo tensor, DataType type, NDManager manager) {
    Device device = manager.getDevice();
    try (NDManager scope = manager.newSubManager(Device.cpu())) {
      NDArray view = scope.create(buffer, tensor.djlShape(), type);
      NDArray owned = device.equals(Device.cpu()) ? view.duplicate() : view.toDevice(device, true);
      owned.attach(manager);
      return owned;
    }
  }

  private static void copyToNativeOrder(ByteBuffer littleEndian, int elementBytes, ByteBuffer out) {
    ByteBuffer source = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer target = out.duplicate().order(ByteOrder.nativeOrder());
    switch (elementBytes) {
      case 1 -> target.put(source);
      case 2 -> target.asShortBuffer().put(source.asShortBuffer());
      case 4 -> target.asIntBuffer().put(source.asIntBuffer());
      case 8 -> target.asLongBuffer().put(source.asLongBuffer());
      default -> throw new IllegalArgumentException("element size " + elementBytes);
    }
  }

  private static long readHeaderLength(Path file, FileChannel channel, long size)
      throws IOException {
    if (size < LENGTH_PREFIX_BYTES) {
      throw new InvalidSafetensorsException(
          file, "is " + size + " bytes long, shorter than the 8-byte header length");
    }
    ByteBuffer prefix = ByteBuffer.allocate(LENGTH_PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, prefix, 0);
    long length = prefix.getLong(0);
    if (length < 0 || length > SafetensorsHeader.MAX_HEADER_BYTES) {
      throw new InvalidSafetensorsException(
          file,
          "declares a header of "
              + Long.toUnsignedString(length)
              + " bytes; at most "
              + SafetensorsHeader.MAX_HEADER_BYTES
              + " are allowed");
    }
    if (length > size - LENGTH_PREFIX_BYTES) {
      throw new InvalidSafetensorsException(
          file,
          "declares a header of "
              + length
              + " bytes but only "
              + (size - LENGTH_PREFIX_BYTES)
              + " follow the length");
    }
    return length;
  }

  private static void readFully(FileChannel channel, ByteBuffer target, long position)
      throws IOException {
    long at = position;
    while (target.hasRemaining()) {
      int read = channel.read(target, at);
      if (read < 0) {
        throw new IOException("unexpected end of file at byte " + at);
      }
      at += read;
    }
  }

  private static void closeQuietly(FileChannel channel, Exception failure) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
