package com.diffusionlab.governance;

/**
 * What checking the audit chain found.
 *
 * @param entries the entries read before the first broken link, or all of them
 * @param headSequence the number of the last entry as the chain's head records it
 * @param brokenAt the sequence number of the first entry that does not hold, or null when the chain
 *     is whole
 * @param problem what is wrong there, in words; null when the chain is whole
 */
public record AuditVerification(long entries, long headSequence, Long brokenAt, String problem) {

  public boolean intact() {
    return brokenAt == null;
  }

  /** One line for people: OK with the count, or the first broken link. */
  public String summary() {
    return intact()
        ? "OK: " + entries + " entries, chain intact"
        : "BROKEN at entry " + brokenAt + ": " + problem;
  }
}
