package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.governance.AuditEntry;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log as JSON lines: one object per entry with fixed keys in a fixed order, the time
 * exactly as the hash encodes it ({@link AuditHashes}), so that a tool can recompute every hash
 * from the export alone.
 */
public final class AuditJsonLines {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One exported entry. */
  @JsonPropertyOrder({
    "sequence",
    "time",
    "actor",
    "address",
    "action",
    "target",
    "outcome",
    "detail",
    "previousHash",
    "hash"
  })
  record Line(
      long sequence,
      String time,
      String actor,
      String address,
      String action,
      String target,
      String outcome,
      String detail,
      String previousHash,
      String hash) {}

  private AuditJsonLines() {}

  public static void write(AuditEntry entry, OutputStream out) {
    Line line =
        new Line(
            entry.sequence(),
            AuditHashes.time(entry.time()),
            entry.actor(),
            entry.address(),
            entry.action(),
            entry.target(),
            entry.outcome().name(),
            entry.detail(),
            entry.previousHash(),
            entry.hash());
    try {
      out.write(JSON.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
