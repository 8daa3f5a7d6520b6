package com.diffusionlab.sessions;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quota of a researcher's own playground, created on their first use ({@code
 * dlab.sessions.default-quota.*}, or environment variables such as {@code
 * DLAB_SESSIONS_DEFAULT_QUOTA_MAX_STEPS}). Only administrators change a session's limits later;
 * values the workspace would refuse stop the start, naming the setting.
 */
@ConfigurationProperties("dlab.sessions.default-quota")
public record DefaultQuota(
    @DefaultValue("3600") double budgetDeviceSeconds,
    @DefaultValue("2") int maxConcurrentJobs,
    @DefaultValue("262144") int maxPixels,
    @DefaultValue("50") int maxSteps,
    @DefaultValue("4") int maxBatch) {

  private static final String PREFIX = "dlab.sessions.default-quota.";

  public DefaultQuota {
    try {
      new Quota(budgetDeviceSeconds, maxConcurrentJobs, maxPixels, maxSteps, maxBatch);
    } catch (InvalidRequestException e) {
      throw new IllegalArgumentException(
          e.errors().stream()
              .map(
                  error ->
                      PREFIX
                          + kebab(error.field())
                          + "="
                          + error.value()
                          + " is not allowed: "
                          + error.allowed())
              .collect(Collectors.joining("; ")),
          e);
    }
  }

  public Quota quota() {
    return new Quota(budgetDeviceSeconds, maxConcurrentJobs, maxPixels, maxSteps, maxBatch);
  }

  /** {@code maxSteps} → {@code max-steps}, as the property is written. */
  static String kebab(String field) {
    return field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }
}
