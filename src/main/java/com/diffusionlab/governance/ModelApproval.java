package com.diffusionlab.governance;

import com.diffusionlab.models.ApprovalChange;

/**
 * One move in a model version's approval history, with the golden-prompt sweep an approval ran.
 *
 * @param goldenSweepId the sweep whose grid shows what the version drew when it was approved; null
 *     for other moves and for approvals the workspace made itself (first start, upgrade)
 */
public record ModelApproval(ApprovalChange change, Long goldenSweepId) {}
