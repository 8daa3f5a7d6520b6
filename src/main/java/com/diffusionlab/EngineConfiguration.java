package com.diffusionlab;

import ai.djl.Device;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.engine.EngineSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one diffusion engine of this process, shared by the registry and the worker. */
@Configuration
class EngineConfiguration {

  @Bean(destroyMethod = "close")
  DiffusionEngine diffusionEngine(LabProperties properties) {
    return new DiffusionEngine(new EngineSettings(device(properties.device()), 1, true));
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
