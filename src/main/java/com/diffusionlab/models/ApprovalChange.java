package com.diffusionlab.models;

import java.time.Instant;

/**
 * One move of a model version's {@link ApprovalStatus}, as recorded.
 *
 * @param from the status before; null for the first status a version was given (an approval at the
 *     first start, or on the upgrade to model governance)
 * @param actor the username of the administrator, or {@code system}
 */
public record ApprovalChange(
    long id,
    long modelVersionId,
    ApprovalStatus from,
    ApprovalStatus to,
    String actor,
    String reason,
    Instant at) {

  /** The actor of moves the workspace makes itself. */
  public static final String SYSTEM = "system";

  /** The longest reason kept. */
  public static final int MAX_REASON = 1000;
}
