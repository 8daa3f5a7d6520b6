package com.diffusionlab.cli;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.noise.NoiseKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab noise}: the initial noise of a seed, to compare with other tools. */
@Command(
    name = "noise",
    mixinStandardHelpOptions = true,
    description = "Prints the noise a generator draws for a seed as JSON (nested by shape).")
final class NoiseCommand implements Callable<Integer> {

  private static final long MAX_VALUES = 1 << 20;

  @Spec private CommandSpec spec;

  @Option(names = "--rng", defaultValue = "philox", description = "philox or torch-cpu.")
  private String rng;

  @Option(names = "--seed", required = true, description = "The seed.")
  private long seed;

  @Option(
      names = "--shape",
      required = true,
      split = ",",
      description = "Comma-separated dimensions, e.g. 4,64,64.")
  private long[] shape;

  @Override
  public Integer call() {
    NoiseKind kind;
    try {
      kind = NoiseKind.parse(rng);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("--rng", rng, "philox or torch-cpu");
    }
    long count = 1;
    for (long dimension : shape) {
      if (dimension < 1) {
        throw new InvalidRequestException("--shape", dimension, "dimensions of at least 1");
      }
      count = Math.multiplyExact(count, dimension);
      if (count > MAX_VALUES) {
        throw new InvalidRequestException("--shape", count + " values", "at most " + MAX_VALUES);
      }
    }
    float[] values = kind.create(seed).randn(shape);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rng", kind.id());
    json.put("seed", seed);
    json.put("shape", shape);
    json.put("values", nest(values, 0, 0));
    CliJson.print(spec, json);
    return 0;
  }

  /** Row-major values as nested lists, one level per dimension. */
  private Object nest(float[] values, int dimension, int offset) {
    int size = (int) shape[dimension];
    if (dimension == shape.length - 1) {
      float[] row = new float[size];
      System.arraycopy(values, offset, row, 0, size);
      return row;
    }
    int stride = 1;
    for (int d = dimension + 1; d < shape.length; d++) {
      stride *= (int) shape[d];
    }
    Object[] rows = new Object[size];
    for (int i = 0; i < size; i++) {
      rows[i] = nest(values, dimension + 1, offset + i * stride);
    }
    return rows;
  }
}
