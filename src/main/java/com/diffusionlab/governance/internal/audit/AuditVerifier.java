package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.governance.AuditEntry;
import com.diffusionlab.governance.AuditQuery;
import com.diffusionlab.governance.AuditVerification;
import com.diffusionlab.governance.internal.audit.AuditReader.Head;

/**
 * Walks the chain in order and stops at the first entry that does not hold: a gap in the numbers (a
 * deleted entry), a previous hash that is not the hash of the entry before (entries removed,
 * inserted or reordered), fields that no longer give the entry's hash (changed after writing), or a
 * log that ends before the head (entries removed from the end). Holds one entry at a time.
 */
public final class AuditVerifier {

  private AuditVerifier() {}

  /** Call in a transaction (see {@link AuditReader}). */
  public static AuditVerification verify(AuditReader reader) {
    Head head = reader.head();
    Walk walk = new Walk();
    reader.forEach(AuditQuery.ALL, walk::next);
    if (walk.brokenAt == null) {
      walk.end(head);
    }
    return new AuditVerification(walk.checked, head.sequence(), walk.brokenAt, walk.problem);
  }

  private static final class Walk {
    private long checked;
    private long expected = 1;
    private String previousHash = AuditHashes.GENESIS;
    private Long brokenAt;
    private String problem;

    void next(AuditEntry entry) {
      if (brokenAt != null) {
        // the first broken link is the answer; the rows still arriving are only read past
        return;
      }
      if (entry.sequence() != expected) {
        // in order of a unique number, so a sequence number other than the next is a later one
        broken(
            expected,
            "missing: the log goes from entry "
                + (expected - 1)
                + " to entry "
                + entry.sequence()
                + " (deleted)");
      } else if (!entry.previousHash().equals(previousHash)) {
        broken(
            entry.sequence(),
            "its previous hash is not the hash of entry "
                + (expected - 1)
                + " (entries removed, inserted or reordered before it)");
      } else if (!AuditHashes.of(entry).equals(entry.hash())) {
        broken(entry.sequence(), "its fields do not give its hash (changed after it was written)");
      } else {
        checked++;
        expected++;
        previousHash = entry.hash();
      }
    }

    void end(Head head) {
      if (head.sequence() != expected - 1) {
        broken(
            expected,
            head.sequence() > expected - 1
                ? "missing: the log ends at entry "
                    + (expected - 1)
                    + " but the chain's head is entry "
                    + head.sequence()
                    + " (entries at the end deleted)"
                : "the chain's head is entry "
                    + head.sequence()
                    + " but the log goes on to entry "
                    + (expected - 1));
      } else if (!head.hash().equals(previousHash)) {
        broken(head.sequence(), "the chain's head records another hash for it");
      }
    }

    private void broken(long sequence, String what) {
      brokenAt = sequence;
      problem = what;
    }
  }
}
