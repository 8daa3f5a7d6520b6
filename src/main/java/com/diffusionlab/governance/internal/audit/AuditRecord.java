package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.AuditEvent.Outcome;

/**
 * What an audit entry will say, before the chain gives it a number, a time and its hashes: the
 * event with its actor and address resolved, each text cut to its column's length.
 */
record AuditRecord(
    String actor, String address, String action, String target, Outcome outcome, String detail) {

  AuditRecord {
    actor = cut(actor, 200);
    address = cut(address, 100);
    target = cut(target, 500);
    detail = cut(detail, 4000);
  }

  static AuditRecord of(AuditEvent event, String actor, String address) {
    return new AuditRecord(
        actor, address, event.action(), event.target(), event.outcome(), event.detail());
  }

  private static String cut(String text, int length) {
    String value = text == null ? "" : text;
    if (value.length() <= length) {
      return value;
    }
    // never between the two halves of a surrogate pair: the cut text must stay valid UTF-8
    int end = Character.isHighSurrogate(value.charAt(length - 2)) ? length - 2 : length - 1;
    return value.substring(0, end) + "…";
  }
}
