package com.diffusionlab.engine.weights;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The element types a safetensors header may name, with their size in bytes. */
public enum SafetensorsDtype {
  BOOL(1, false, DataType.BOOLEAN),
  U8(1, false, DataType.UINT8),
  I8(1, false, DataType.INT8),
  F8_E5M2(1, true, null),
  F8_E4M3(1, true, null),
  I16(2, false, null),
  U16(2, false, null),
  F16(2, true, DataType.FLOAT16),
  BF16(2, true, null),
  I32(4, false, DataType.INT32),
  U32(4, false, null),
  F32(4, true, DataType.FLOAT32),
  F64(8, true, DataType.FLOAT64),
  I64(8, false, DataType.INT64),
  U64(8, false, null);

  private final int byteSize;
  private final boolean floatingPoint;
  private final DataType djlType;

  SafetensorsDtype(int byteSize, boolean floatingPoint, DataType djlType) {
    this.byteSize = byteSize;
    this.floatingPoint = floatingPoint;
    this.djlType = djlType;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** Whether the values are floating-point numbers, which can be converted to FLOAT32/FLOAT16. */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }

  /**
   * The DJL type that holds the values exactly as stored, if DJL's PyTorch engine supports one.
   * BF16 has none on purpose: DJL 0.35.1 aborts the JVM on BFLOAT16 arrays (so do INT16 and the
   * unsigned types wider than a byte).
   */
  public Optional<DataType> djlType() {
    return Optional.ofNullable(djlType);
  }

  /** The safetensors dtype of a DJL type, e.g. {@code FLOAT16 → F16}. */
  public static Optional<SafetensorsDtype> of(DataType type) {
    return Arrays.stream(values()).filter(dtype -> dtype.djlType == type).findFirst();
  }

  /**
   * The dtype named {@code name} exactly as safetensors spells it.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static SafetensorsDtype parse(String name) {
    return Arrays.stream(values())
        .filter(dtype -> dtype.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown dtype '"
                        + name
                        + "'; allowed: "
                        + Arrays.stream(values())
                            .map(Enum::name)
                            .collect(Collectors.joining(", "))));
  }
}
