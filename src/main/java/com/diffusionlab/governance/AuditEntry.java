package com.diffusionlab.governance;

import com.diffusionlab.AuditEvent.Outcome;
import java.time.Instant;

/**
 * One entry of the audit log, as stored: its place in the chain, when, who from where, what to what
 * and how it ended, and the hashes that chain it to the entry before.
 *
 * @param sequence its place in the chain, from 1, without gaps
 * @param actor the username, or a name in parentheses for the workspace itself ({@code (system)})
 * @param address the client's network address; empty when the action came from no request
 * @param previousHash the hash of entry {@code sequence - 1}; 64 zeros for the first
 * @param hash SHA-256 over the previous hash and the fields ({@link AuditLogService} names the
 *     encoding)
 */
public record AuditEntry(
    long sequence,
    Instant time,
    String actor,
    String address,
    String action,
    String target,
    Outcome outcome,
    String detail,
    String previousHash,
    String hash) {}
