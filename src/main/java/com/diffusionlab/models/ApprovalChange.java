package com.diffusionlab.models;

import com.diffusionlab.AuditEvent;
import java.time.Instant;

/**
 * One move of a model version's {@link ApprovalStatus}, as recorded.
 *
 * @param from the status before; null for the first status a version was given (an approval at the
 *     first start, or on the upgrade to model governance)
 * @param actor the username of the administrator, or {@link AuditEvent#SYSTEM_ACTOR}
 */
public record ApprovalChange(
    long id,
    long modelVersionId,
    ApprovalStatus from,
    ApprovalStatus to,
    String actor,
    String reason,
    Instant at) {

  /** The longest reason kept. */
  public static final int MAX_REASON = 1000;
}
