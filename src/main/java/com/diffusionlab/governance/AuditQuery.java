package com.diffusionlab.governance;

import com.diffusionlab.AuditEvent.Outcome;
import com.diffusionlab.engine.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which audit entries to show or export; each part is optional (null: any).
 *
 * @param actor exactly this actor
 * @param action this action ({@code session.create}) or every action under a prefix ({@code
 *     session})
 * @param from entries at or after this time
 * @param to entries before this time
 */
public record AuditQuery(String actor, String action, Outcome outcome, Instant from, Instant to) {

  public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  /**
   * @throws InvalidRequestException naming the field: a malformed action, an unknown outcome, a
   *     time that is not ISO-8601 or a {@code from} after {@code to}
   */
  public AuditQuery {
    actor = blankToNull(actor);
    action = blankToNull(action);
    if (actor != null && actor.length() > 200) {
      throw new InvalidRequestException(
          "actor", actor.substring(0, 40) + "…", "at most 200 characters");
    }
    if (action != null && !ACTION.matcher(action).matches()) {
      throw new InvalidRequestException(
          "action", action, "dotted lower-case words such as session.create, or a prefix: session");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidRequestException("from", from, "a time before to (" + to + ")");
    }
  }

  /** The query from text, as REST and the command line give it; blank parts are absent. */
  public static AuditQuery parse(
      String actor, String action, String outcome, String from, String to) {
    return new AuditQuery(
        actor, action, outcome(outcome), instant("from", from), instant("to", to));
  }

  /** The query in words, as the audit log records an export of it. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (actor != null) {
      parts.add("actor " + actor);
    }
    if (action != null) {
      parts.add("action " + action);
    }
    if (outcome != null) {
      parts.add("outcome " + outcome);
    }
    if (from != null) {
      parts.add("from " + from);
    }
    if (to != null) {
      parts.add("to " + to);
    }
    return parts.isEmpty() ? "every entry" : String.join(", ", parts);
  }

  private static Outcome outcome(String text) {
    if (blankToNull(text) == null) {
      return null;
    }
    try {
      return Outcome.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("outcome", text, "one of " + String.join(", ", names()));
    }
  }

  private static String[] names() {
    return Arrays.stream(Outcome.values()).map(Enum::name).toArray(String[]::new);
  }

  private static Instant instant(String field, String text) {
    if (blankToNull(text) == null) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field, text, "an ISO-8601 time such as 2026-12-06T09:00:00Z");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
