package com.diffusionlab.models.internal;

import com.diffusionlab.models.ModelRegistry;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Registers the models folder when the application starts. */
@Component
@Order(1)
class RegistryStartup implements ApplicationRunner {
  private final ModelRegistry registry;

  RegistryStartup(ModelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void run(ApplicationArguments args) {
    registry.rescan();
  }
}
