package com.diffusionlab;

import ai.djl.Device;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The one diffusion engine of this process, shared by the registry and the worker. */
@Configuration
class EngineConfiguration {

  static final String MODEL_CACHE = "dlab.engine.model-cache-bytes";

  @Bean(destroyMethod = "close")
  DiffusionEngine diffusionEngine(
      LabProperties properties, @Value("${" + MODEL_CACHE + ":}") String modelCache) {
    Device device = device(properties.device());
    return new DiffusionEngine(
        new EngineSettings(
            device,
            true,
            modelCache.isBlank()
                ? EngineSettings.defaultModelCacheBytes(device)
                : modelCacheBytes(modelCache)));
  }

  /** {@code 8GB}, {@code 512MB}, or bytes. */
  static long modelCacheBytes(String value) {
    long bytes;
    try {
      bytes = DataSize.parse(value.strip()).toBytes();
    } catch (IllegalArgumentException e) {
      bytes = 0;
    }
    if (bytes < 1) {
      throw new IllegalArgumentException(
          MODEL_CACHE
              + "='"
              + value
              + "' is not allowed: a size of more than 0, in bytes or with a unit (512MB, 8GB)");
    }
    return bytes;
  }

  private static Device device(String name) {
    if (name.equals("cpu")) {
      return Device.cpu();
    }
    if (name.matches("gpu(:\\d{1,3})?")) {
      return Device.gpu(name.length() > 3 ? Integer.parseInt(name.substring(4)) : 0);
    }
    throw new IllegalArgumentException(
        "dlab.device='" + name + "' is not allowed: cpu, gpu or gpu:N");
  }
}
