package com.diffusionlab.models;

import java.util.Set;

/**
 * Where a model version stands in governance. A version found in the models folder starts as a
 * DRAFT; an administrator approves it (sessions then run it) or rejects it, and retires an approved
 * one. RETIRED is final: a version's bytes that should run again are approved as what they are, a
 * draft found at the next scan, never by undoing a retirement.
 */
public enum ApprovalStatus {
  /** Found, not yet approved: only sessions that allow drafts run it. */
  DRAFT,
  /** Approved by an administrator: every session may run it. */
  APPROVED,
  /** Rejected as a draft or withdrawn after approval: no new generation runs it. */
  RETIRED;

  /** The statuses a version in this one may move to. */
  public Set<ApprovalStatus> next() {
    return switch (this) {
      case DRAFT -> Set.of(APPROVED, RETIRED);
      case APPROVED -> Set.of(RETIRED);
      case RETIRED -> Set.of();
    };
  }

  public boolean canMoveTo(ApprovalStatus target) {
    return next().contains(target);
  }
}
