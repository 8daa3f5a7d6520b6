package com.diffusionlab;

import java.util.Objects;

/**
 * Something a person or a script did that changed state, or tried and was refused, for the audit
 * log. Any module publishes one with Spring's {@code ApplicationEventPublisher} where the action
 * happens; the governance module appends it to the hash-chained log. It lives in the base package
 * so that every module can publish it without depending on governance, which itself uses the other
 * modules.
 *
 * <p>A succeeded action is published inside the transaction that makes it, so that its entry
 * commits or rolls back with it; a refused or failed one is kept even though the action's own
 * transaction rolls back.
 *
 * @param action what was done, a dotted lower-case name: {@code run.submit}, {@code key.revoke},
 *     {@code sign-in.failure}
 * @param target what it was done to ({@code run 42}, {@code user alice}); empty when nothing
 * @param detail why it was refused or what changed, in words; empty when nothing to add
 * @param actor who did it; {@code null} for the signed-in user of the current request
 * @param address where the request came from; {@code null} for the current request's address
 */
public record AuditEvent(
    String action, String target, Outcome outcome, String detail, String actor, String address) {

  /**
   * The actor of what the workspace does by itself (a first start's approvals, a worker's work), in
   * the audit log and in model approvals alike: no username has parentheses, so no user is taken
   * for it.
   */
  public static final String SYSTEM_ACTOR = "(system)";

  /** How the action ended. */
  public enum Outcome {
    SUCCEEDED,
    /** a rule, a limit or a policy said no */
    REFUSED,
    /** it was allowed but did not work */
    FAILED
  }

  public AuditEvent {
    if (action == null || !action.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
      throw new IllegalArgumentException(
          "audit action must be dotted lower-case words such as run.submit, was " + action);
    }
    Objects.requireNonNull(outcome, "outcome");
    target = target == null ? "" : target;
    detail = detail == null ? "" : detail;
  }

  public static AuditEvent succeeded(String action, String target) {
    return new AuditEvent(action, target, Outcome.SUCCEEDED, "", null, null);
  }

  public static AuditEvent succeeded(String action, String target, String detail) {
    return new AuditEvent(action, target, Outcome.SUCCEEDED, detail, null, null);
  }

  public static AuditEvent refused(String action, String target, String reason) {
    return new AuditEvent(action, target, Outcome.REFUSED, reason, null, null);
  }

  public static AuditEvent failed(String action, String target, String reason) {
    return new AuditEvent(action, target, Outcome.FAILED, reason, null, null);
  }

  /** The same event done by a named actor, for actions with no signed-in user (a sign-in). */
  public AuditEvent by(String actor, String address) {
    return new AuditEvent(action, target, outcome, detail, actor, address);
  }
}
