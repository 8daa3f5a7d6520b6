package com.diffusionlab.governance;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.governance.internal.audit.AuditJsonLines;
import com.diffusionlab.governance.internal.audit.AuditReader;
import com.diffusionlab.governance.internal.audit.AuditVerifier;
import com.diffusionlab.identity.Permissions;
import java.io.OutputStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log for administrators: pages of entries newest first, the whole log (or a selection)
 * as JSON lines, and a check of the hash chain that names the first broken link. Entries are
 * written by the governance module itself from {@link AuditEvent}s; nothing here changes them.
 *
 * <p>Each entry's hash is lower-case hex SHA-256 over the previous entry's hash and the entry's
 * fields, each written as four bytes of its UTF-8 length (big-endian) and the bytes, in this order:
 * previous hash, sequence number in decimal, time in UTC with six fractional digits ({@code
 * 2026-12-06T12:30:00.123456Z}), actor, address, action, target, outcome, detail. The first entry's
 * previous hash is 64 zeros. The export carries every one of these fields as the hash reads them.
 */
@Service
public class AuditLogService {
  /** The largest page. */
  public static final int MAX_PAGE_SIZE = 500;

  private final AuditReader reader;
  private final ApplicationEventPublisher events;

  AuditLogService(AuditReader reader, ApplicationEventPublisher events) {
    this.reader = reader;
    this.events = events;
  }

  /**
   * @throws InvalidRequestException naming {@code page} or {@code size} when out of range
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public Page<AuditEntry> page(AuditQuery query, int page, int size) {
    if (page < 0) {
      throw new InvalidRequestException("page", page, "0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("size", size, "1 to " + MAX_PAGE_SIZE);
    }
    return new PageImpl<>(
        reader.page(query, (long) page * size, size),
        PageRequest.of(page, size),
        reader.count(query));
  }

  /**
   * How many entries {@code query} selects: callers that stream the export (REST) call this first,
   * so that a refusal is an answer rather than a broken download.
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public long count(AuditQuery query) {
    return reader.count(query);
  }

  /** Writes the selected entries in chain order, one JSON object a line; {@code out} stays open. */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public void export(AuditQuery query, OutputStream out) {
    reader.forEach(query, entry -> AuditJsonLines.write(entry, out));
    // recorded once the export's read-only transaction commits
    events.publishEvent(AuditEvent.succeeded("audit.export", "audit log", query.describe()));
  }

  /** Walks the whole chain, one entry at a time, to its first broken link. */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public AuditVerification verify() {
    return AuditVerifier.verify(reader);
  }
}
