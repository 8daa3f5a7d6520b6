package com.diffusionlab.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The recent failed sign-ins of one account or one source address. */
@Entity
@Table(name = "sign_in_failures")
class SignInFailureEntity {

  /** What is counted: an account (by its username key) or a source address. */
  enum Scope {
    ACCOUNT,
    ADDRESS
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Enumerated(EnumType.STRING)
  private Scope scope;

  private String subject;

  private int failures;

  @Column(name = "last_failure_at")
  private Instant lastFailureAt;

  /** Sign-ins are refused, without a password check, until then. */
  @Column(name = "refused_until")
  private Instant refusedUntil;

  /** Set when the account was locked; cleared only by an administrator's unlock. */
  @Column(name = "locked_at")
  private Instant lockedAt;

  protected SignInFailureEntity() {}

  SignInFailureEntity(Scope scope, String subject, Instant now) {
    this.scope = scope;
    this.subject = subject;
    this.lastFailureAt = now;
  }

  int failures() {
    return failures;
  }

  Instant lastFailureAt() {
    return lastFailureAt;
  }

  Instant refusedUntil() {
    return refusedUntil;
  }

  boolean locked() {
    return lockedAt != null;
  }

  /**
   * One more failure at {@code now}; an old count (last failure before {@code forgetBefore}) starts
   * again.
   */
  void failed(Instant now, Instant forgetBefore) {
    if (!locked() && lastFailureAt.isBefore(forgetBefore)) {
      failures = 0;
    }
    failures++;
    lastFailureAt = now;
  }

  void refuseUntil(Instant until) {
    refusedUntil = until;
  }

  void lock(Instant now) {
    lockedAt = now;
  }
}
