package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.RunTimings;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where a run's time went, as stored: a column per stage and the step times as an array. */
@Embeddable
public class TimingColumns {

  @Column(name = "queue_wait_seconds")
  private Double queueWait;

  @Column(name = "load_seconds")
  private Double load;

  @Column(name = "tokenize_seconds")
  private Double tokenize;

  @Column(name = "encode_seconds")
  private Double encode;

  @Column(name = "sampling_seconds")
  private Double sampling;

  @Column(name = "decode_seconds")
  private Double decode;

  @Column(name = "total_seconds")
  private Double total;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "step_durations")
  private double[] steps;

  protected TimingColumns() {}

  static TimingColumns waited(double queueWait) {
    TimingColumns columns = new TimingColumns();
    columns.queueWait = queueWait;
    return columns;
  }

  /** Every part of {@code timings}, as another workspace recorded them. */
  void recorded(RunTimings timings) {
    queueWait = timings.queueWait();
    measured(timings);
  }

  /** The measured parts of {@code timings}; the queue wait stays as it was recorded at start. */
  void measured(RunTimings timings) {
    load = timings.load();
    tokenize = timings.tokenize();
    encode = timings.encode();
    sampling = timings.sampling();
    decode = timings.decode();
    total = timings.total();
    steps = timings.steps().stream().mapToDouble(Double::doubleValue).toArray();
  }

  RunTimings toTimings() {
    List<Double> stepList =
        steps == null ? List.of() : java.util.Arrays.stream(steps).boxed().toList();
    return new RunTimings(queueWait, load, tokenize, encode, sampling, decode, total, stepList);
  }
}
