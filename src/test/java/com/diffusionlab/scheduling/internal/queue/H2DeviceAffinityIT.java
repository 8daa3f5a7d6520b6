package com.diffusionlab.scheduling.internal.queue;

/** Device classes and model affinity on H2, the embedded default. */
class H2DeviceAffinityIT extends DeviceAffinityContract {

  @Override
  QueueDatabase createDatabase() {
    return QueueDatabase.h2("device_affinity_it");
  }
}
