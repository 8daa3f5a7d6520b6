package com.diffusionlab.tracking;

import static com.diffusionlab.tracking.RunStatus.CANCELLED;
import static com.diffusionlab.tracking.RunStatus.FAILED;
import static com.diffusionlab.tracking.RunStatus.QUEUED;
import static com.diffusionlab.tracking.RunStatus.RUNNING;
import static com.diffusionlab.tracking.RunStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The run state machine, move by move: the whole 5×5 table. */
class RunLifecycleTest {

  /** Written out here independently of the production table. */
  private static final Map<RunStatus, Set<RunStatus>> EXPECTED =
      Map.of(
          QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED),
          RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED),
          SUCCEEDED, EnumSet.noneOf(RunStatus.class),
          FAILED, EnumSet.noneOf(RunStatus.class),
          CANCELLED, EnumSet.noneOf(RunStatus.class));

  @ParameterizedTest
  @EnumSource(RunStatus.class)
  void everyMoveFromAStatusIsAllowedExactlyWhenTheTableSaysSo(RunStatus from) {
    for (RunStatus to : RunStatus.values()) {
      boolean expected = EXPECTED.get(from).contains(to);
      assertThat(RunLifecycle.allowed(from, to)).as(from + " → " + to).isEqualTo(expected);
      if (expected) {
        assertThatNoException().isThrownBy(() -> RunLifecycle.require(7, from, to));
      } else {
        assertThatThrownBy(() -> RunLifecycle.require(7, from, to))
            .isInstanceOf(IllegalRunTransitionException.class)
            .hasMessageStartingWith("run 7 cannot go from " + from + " to " + to + "; allowed from")
            .satisfies(
                e -> {
                  IllegalRunTransitionException refused = (IllegalRunTransitionException) e;
                  assertThat(refused.from()).isEqualTo(from);
                  assertThat(refused.to()).isEqualTo(to);
                });
      }
    }
    assertThat(RunLifecycle.next(from)).isEqualTo(EXPECTED.get(from));
  }

  @Test
  void aRefusalListsWhatIsAllowedOrThatTheStatusIsFinal() {
    assertThatThrownBy(() -> RunLifecycle.require(3, QUEUED, SUCCEEDED))
        .hasMessage(
            "run 3 cannot go from QUEUED to SUCCEEDED; allowed from QUEUED: CANCELLED, FAILED,"
                + " RUNNING");
    assertThatThrownBy(() -> RunLifecycle.require(3, SUCCEEDED, CANCELLED))
        .hasMessage(
            "run 3 cannot go from SUCCEEDED to CANCELLED; allowed from SUCCEEDED: none: SUCCEEDED is"
                + " final");
  }

  @Test
  void noStatusMovesToItself() {
    for (RunStatus status : RunStatus.values()) {
      assertThat(RunLifecycle.allowed(status, status)).isFalse();
    }
  }

  @Test
  void onlyFinishedStatusesHaveNoWayOut() {
    for (RunStatus status : RunStatus.values()) {
      assertThat(RunLifecycle.next(status).isEmpty()).isEqualTo(status.finished());
    }
  }
}
