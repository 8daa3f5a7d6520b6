package com.diffusionlab.governance.internal.audit;

import com.diffusionlab.engine.Sha256;
import com.diffusionlab.governance.AuditEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The audit chain's hash, defined so that a tool outside the workspace can recompute it from an
 * export: lower-case hex SHA-256 over nine fields in this order, each as four bytes of its UTF-8
 * length (big-endian) followed by those bytes:
 *
 * <ol>
 *   <li>the previous entry's hash as 64 lower-case hex characters (64 zeros for the first entry)
 *   <li>the sequence number in decimal
 *   <li>the time in UTC with exactly six fractional digits: {@code 2026-12-06T12:30:00.123456Z}
 *   <li>actor, address, action, target
 *   <li>outcome: {@code SUCCEEDED}, {@code REFUSED} or {@code FAILED}
 *   <li>detail
 * </ol>
 *
 * The length prefixes make the encoding unambiguous: no two different entries encode alike, however
 * their texts are cut.
 */
public final class AuditHashes {

  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditHashes() {}

  /** The time as the encoding writes it (and the export shows it). */
  public static String time(Instant time) {
    return TIME.format(time);
  }

  /** The time as the log keeps it: to the microsecond, which both databases store exactly. */
  public static Instant stored(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  /** The hash {@code entry} should carry, from its fields and previous hash. */
  public static String of(AuditEntry entry) {
    MessageDigest digest = Sha256.digest();
    for (String field :
        new String[] {
          entry.previousHash(),
          Long.toString(entry.sequence()),
          time(entry.time()),
          entry.actor(),
          entry.address(),
          entry.action(),
          entry.target(),
          entry.outcome().name(),
          entry.detail()
        }) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
