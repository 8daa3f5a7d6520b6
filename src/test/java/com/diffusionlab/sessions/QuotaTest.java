package com.diffusionlab.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** Quotas refuse every bad limit at once; the configured default names the property at fault. */
class QuotaTest {

  @Test
  void everyBadLimitIsNamedAtOnce() {
    assertThatThrownBy(() -> new Quota(Double.NaN, 0, 4096 * 4096 + 1, 1001, 17))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly(
                        "budgetDeviceSeconds",
                        "maxConcurrentJobs",
                        "maxPixels",
                        "maxSteps",
                        "maxBatch"));
  }

  @Test
  void changesReplaceOnlyTheLimitsTheySet() {
    Quota base = new Quota(3600, 2, 512 * 512, 50, 4);
    SessionChanges changes =
        new SessionChanges(null, null, null, null, 5, null, 30, null, null, null);
    assertThat(changes.quota(base)).isEqualTo(new Quota(3600, 5, 512 * 512, 30, 4));
  }

  @Test
  void aBadDefaultQuotaStopsTheStartNamingTheProperty() {
    assertThatThrownBy(() -> new DefaultQuota(3600, 2, 512 * 512, 0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dlab.sessions.default-quota.max-steps=0 is not allowed: 1 to 1000");
    assertThat(new DefaultQuota(3600, 2, 512 * 512, 50, 4).quota().maxSide()).isEqualTo(512);
  }

  @Test
  void aRefusalKeepsItsLimitUnderAnotherName() {
    QuotaExceededException refused =
        QuotaExceededException.noRoom(
            "device-seconds",
            "9.0 estimated",
            "at most the 1.0 left",
            new QuotaLimit("budgetDeviceSeconds", 10.0, 9.0, 5.0, 4.0),
            true);
    QuotaExceededException renamed = refused.named("cell cfg=3: device-seconds");
    assertThat(renamed.errors().getFirst().field()).isEqualTo("cell cfg=3: device-seconds");
    assertThat(renamed.limit()).isEqualTo(refused.limit());
    assertThat(renamed.retryAfter()).isEqualTo(refused.retryAfter());
    assertThat(renamed.outright()).isFalse();
  }
}
