package com.diffusionlab.scheduling.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The ids a log line written while a job runs or a submission is recorded carries (SLF4J's MDC,
 * which Spring Boot's structured formats write as fields): {@value #RUN}, {@value #JOB} and {@value
 * #SESSION}. Closing it restores what the thread had before, so a pool thread does not carry one
 * job's ids into the next.
 */
public final class LogContext implements AutoCloseable {

  public static final String RUN = "run.id";

  /** The job's attempt: its run's id and the attempt's number, {@code 17/2}. */
  public static final String JOB = "job.id";

  public static final String SESSION = "session.id";

  private final Map<String, String> before = new LinkedHashMap<>();

  private LogContext() {}

  public static LogContext open() {
    return new LogContext();
  }

  public LogContext put(String key, Object value) {
    before.putIfAbsent(key, MDC.get(key));
    MDC.put(key, String.valueOf(value));
    return this;
  }

  @Override
  public void close() {
    before.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
