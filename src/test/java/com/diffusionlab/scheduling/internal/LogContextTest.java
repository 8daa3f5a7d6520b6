package com.diffusionlab.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void closingRestoresWhatTheThreadCarriedBefore() {
    MDC.put(LogContext.SESSION, "3");
    try (LogContext outer = LogContext.open().put(LogContext.RUN, 17)) {
      outer.put(LogContext.SESSION, 4).put(LogContext.SESSION, 5);
      try (LogContext inner = LogContext.open().put(LogContext.RUN, 18)) {
        assertThat(MDC.get(LogContext.RUN)).isEqualTo("18");
      }
      assertThat(MDC.get(LogContext.RUN)).isEqualTo("17");
      assertThat(MDC.get(LogContext.SESSION)).isEqualTo("5");
    }
    assertThat(MDC.get(LogContext.RUN)).isNull();
    assertThat(MDC.get(LogContext.SESSION)).isEqualTo("3");
  }
}
