package com.diffusionlab.cli;

import ai.djl.Device;
import com.diffusionlab.engine.InvalidRequestException;

/** Parses {@code --device}: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. */
final class DeviceOption {
  private DeviceOption() {}

  static Device parse(String value) {
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    if (value.equals("gpu")) {
      return Device.gpu(0);
    }
    if (value.matches("gpu:\\d{1,3}")) {
      return Device.gpu(Integer.parseInt(value.substring(4)));
    }
    throw new InvalidRequestException("--device", value, "cpu, gpu or gpu:N");
  }
}
