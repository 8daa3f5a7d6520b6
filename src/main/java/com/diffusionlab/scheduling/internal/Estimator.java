package com.diffusionlab.scheduling.internal;

import com.diffusionlab.LabProperties;
import com.diffusionlab.engine.GenerationRequest;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.Estimate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A simple cost model: sampling time grows with UNet parameters, pixels, steps, batch and the
 * guidance pass; memory with the weights and the activations. Once a model has run here, its
 * measured seconds per unit of work replace the size-based guess.
 */
@Component
public class Estimator {

  /** Seconds per (UNet parameter × megapixel × step × image pass) on a 2-core CPU, measured. */
  private static final double SECONDS_PER_WORK = 4e-8;

  private static final long BASE_MEMORY = 600L << 20;
  private static final double ACTIVATION_BYTES_PER_PIXEL = 6000;

  private final double pricePerDeviceHour;
  private final Map<String, Double> measured = new ConcurrentHashMap<>();

  Estimator(LabProperties properties) {
    this.pricePerDeviceHour = properties.pricePerDeviceHour();
  }

  public Estimate estimate(ModelVersion model, GenerationRequest request) {
    double work = work(model, request);
    Double perWork = measured.get(model.contentHash());
    double sampling = work * (perWork != null ? perWork : SECONDS_PER_WORK);
    double overhead = 0.2 + model.parameters() * 1e-9 * request.batch();
    double seconds = sampling + overhead;
    long pixels = (long) request.width() * request.height();
    long memory =
        BASE_MEMORY
            + model.parameters() * 4
            + (long) (pixels * ACTIVATION_BYTES_PER_PIXEL * passes(request) * request.batch() / 8);
    return new Estimate(
        seconds, memory, seconds, seconds / 3600 * pricePerDeviceHour, perWork != null);
  }

  /** Learns from a finished run: sampling seconds per unit of work, smoothed. */
  public void observe(ModelVersion model, GenerationRequest request, double samplingSeconds) {
    double perWork = samplingSeconds / Math.max(1e-9, work(model, request));
    measured.merge(model.contentHash(), perWork, (old, now) -> 0.7 * old + 0.3 * now);
  }

  public double cost(double deviceSeconds) {
    return deviceSeconds / 3600 * pricePerDeviceHour;
  }

  private static double work(ModelVersion model, GenerationRequest request) {
    double megapixels = (double) request.width() * request.height() / 1e6;
    return model.unetParameters()
        * megapixels
        * request.steps()
        * request.batch()
        * passes(request);
  }

  private static int passes(GenerationRequest request) {
    return request.cfg() != 1 ? 2 : 1;
  }
}
