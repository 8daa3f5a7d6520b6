package com.diffusionlab.scheduling;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Set;

/**
 * The device classes a job may ask for: a worker serves the class of its engine's device, and only
 * a worker of the class a job asks for claims it. A job that asks for none runs on any device.
 */
public final class DeviceClasses {

  /** What a request may name, as refusals say it. */
  public static final String ALLOWED = "cpu, gpu, or none (absent or null) for any device";

  private static final Set<String> KNOWN = Set.of("cpu", "gpu");

  private DeviceClasses() {}

  /** Whether {@code value} is a device class a job can ask for. */
  public static boolean known(String value) {
    return value != null && KNOWN.contains(value);
  }

  /**
   * @param field the name the caller used for it ({@code deviceClass}, {@code --device-class})
   * @return {@code value}: a known class, or null for any device
   * @throws InvalidRequestException naming the field, the value and the classes allowed
   */
  public static String require(String field, String value) {
    if (value != null && !known(value)) {
      throw new InvalidRequestException(field, value, ALLOWED);
    }
    return value;
  }
}
