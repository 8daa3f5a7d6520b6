package com.diffusionlab.api;

import com.diffusionlab.governance.AuditEntry;
import com.diffusionlab.governance.AuditLogService;
import com.diffusionlab.governance.AuditQuery;
import com.diffusionlab.governance.AuditVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The audit log, for administrators: pages newest first, the JSON lines export, verification. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log")
class AuditApi {

  // the lines are UTF-8; a client that is not told so may read them as ISO-8859-1
  static final String NDJSON = "application/x-ndjson;charset=UTF-8";

  /** The header that tells a client how many entries the export holds. */
  static final String ENTRY_COUNT = "X-Audit-Entries";

  private final AuditLogService audit;

  AuditApi(AuditLogService audit) {
    this.audit = audit;
  }

  @GetMapping
  @Operation(
      summary = "Audit entries, newest first (administrators)",
      description =
          "Filters (all optional): actor (exact), action (exact, or a prefix such as session),"
              + " outcome SUCCEEDED, REFUSED or FAILED, from and to (ISO-8601, to excluded);"
              + " page from 0, size 1 to 500.")
  PageBody<AuditEntry> list(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return PageBody.of(audit.page(AuditQuery.parse(actor, action, outcome, from, to), page, size));
  }

  @GetMapping(value = "/export", produces = NDJSON)
  @Operation(
      summary = "The audit log as JSON lines, oldest first (administrators)",
      description =
          "One entry a line with every field its hash covers, streamed; the same filters as the"
              + " list. The X-Audit-Entries header gives the number of entries.")
  ResponseEntity<StreamingResponseBody> export(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    AuditQuery query = AuditQuery.parse(actor, action, outcome, from, to);
    long count = audit.count(query);
    StreamingResponseBody body = out -> audit.export(query, out);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(NDJSON))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("audit-log.jsonl").build().toString())
        .header(ENTRY_COUNT, Long.toString(count))
        .body(body);
  }

  @GetMapping("/verify")
  @Operation(
      summary = "Check the audit log's hash chain (administrators)",
      description =
          "Walks every entry in order; intact is false with brokenAt and problem naming the first"
              + " entry that does not hold.")
  VerificationBody verify() {
    return VerificationBody.of(audit.verify());
  }

  /** A verification with its verdict spelled out. */
  record VerificationBody(
      boolean intact,
      long entries,
      long headSequence,
      Long brokenAt,
      String problem,
      String summary) {
    static VerificationBody of(AuditVerification verification) {
      return new VerificationBody(
          verification.intact(),
          verification.entries(),
          verification.headSequence(),
          verification.brokenAt(),
          verification.problem(),
          verification.summary());
    }
  }
}
