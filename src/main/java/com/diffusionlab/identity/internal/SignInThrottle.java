package com.diffusionlab.identity.internal;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.identity.SignInRefusedException;
import com.diffusionlab.identity.SignInThrottleProperties;
import com.diffusionlab.identity.Usernames;
import com.diffusionlab.identity.internal.SignInFailureEntity.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins per account and per source address ({@link SignInThrottleProperties}), kept in
 * the database so that every web node and a restarted one see the same delays and locks. A sign-in
 * is asked about before its password is checked, so that a refused one costs no BCrypt work.
 */
@Component
public class SignInThrottle {
  private static final int MAX_SUBJECT = 255;

  private final SignInFailureRepository failures;
  private final SignInThrottleProperties limits;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SignInThrottle(
      SignInFailureRepository failures,
      SignInThrottleProperties limits,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      ObjectProvider<Clock> clock) {
    this.failures = failures;
    this.limits = limits;
    this.transactions = new TransactionTemplate(transactions);
    this.events = events;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /**
   * Whether {@code username} may try a password from {@code address} now.
   *
   * @param address the source address; null when unknown (then only the account counts)
   * @return whether the account has failures on record (a success then clears them)
   * @throws SignInRefusedException when the account is locked or delayed or the address is
   */
  public boolean checkAllowed(String username, String address) {
    Instant now = clock.instant();
    Optional<SignInFailureEntity> account =
        failures.findByScopeAndSubject(Scope.ACCOUNT, key(username));
    Optional<SignInFailureEntity> from =
        address == null ? Optional.empty() : failures.findByScopeAndSubject(Scope.ADDRESS, address);
    Optional<SignInRefusedException> refusal = refusal(account, from, now);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
    return account.isPresent();
  }

  /**
   * Counts a failed sign-in (a wrong password or an unknown username) against the account and the
   * address; locks the account or blocks the address when this failure reaches the limit.
   *
   * @return the refusal that now holds for further attempts, if any
   */
  public Optional<SignInRefusedException> failed(String username, String address) {
    try {
      return transactions.execute(status -> count(username, address));
    } catch (DataIntegrityViolationException firstOfItsKind) {
      // another node recorded the first failure of this account or address at the same moment;
      // its row is there now, and this failure adds to it
      return transactions.execute(status -> count(username, address));
    }
  }

  /** A successful sign-in clears the account's count (a lock is not cleared: it was checked). */
  public void succeeded(String username) {
    transactions.executeWithoutResult(
        status -> failures.forgetUnlocked(Scope.ACCOUNT, key(username)));
  }

  /**
   * Unlocks an account and clears its count, in the caller's transaction.
   *
   * @return whether it was locked
   */
  public boolean unlock(String username) {
    boolean locked = isLocked(username);
    failures.forget(Scope.ACCOUNT, key(username));
    return locked;
  }

  public boolean isLocked(String username) {
    return failures
        .findByScopeAndSubject(Scope.ACCOUNT, key(username))
        .map(SignInFailureEntity::locked)
        .orElse(false);
  }

  /** The username keys of the locked accounts. */
  public Set<String> lockedAccounts() {
    return new TreeSet<>(failures.lockedSubjects(Scope.ACCOUNT));
  }

  private Optional<SignInRefusedException> count(String username, String address) {
    Instant now = clock.instant();
    Instant forgetBefore = now.minus(limits.forgetAfter());
    SignInFailureEntity account = counted(Scope.ACCOUNT, key(username), now, forgetBefore);
    if (!account.locked() && account.failures() >= limits.lockAfter()) {
      account.lock(now);
      events.publishEvent(
          AuditEvent.refused(
                  "sign-in.lock",
                  "user " + Usernames.key(username),
                  "locked after "
                      + account.failures()
                      + " failed sign-ins; an administrator unlocks it")
              .by(username, address));
    } else if (!account.locked()) {
      account.refuseUntil(now.plus(limits.delay(account.failures(), limits.delayAfter())));
    }
    SignInFailureEntity from = null;
    if (address != null) {
      from = counted(Scope.ADDRESS, address, now, forgetBefore);
      if (from.failures() >= limits.addressBlockAfter()) {
        boolean blockStarts = from.refusedUntil() == null || !from.refusedUntil().isAfter(now);
        from.refuseUntil(now.plus(limits.addressBlockFor()));
        if (blockStarts) {
          events.publishEvent(
              AuditEvent.refused(
                      "sign-in.block",
                      "address " + address,
                      "blocked for "
                          + limits.addressBlockFor()
                          + " after "
                          + from.failures()
                          + " failed sign-ins")
                  .by(username, address));
        }
      } else {
        from.refuseUntil(now.plus(limits.delay(from.failures(), limits.addressDelayAfter())));
      }
    }
    return refusal(Optional.of(account), Optional.ofNullable(from), now);
  }

  private SignInFailureEntity counted(
      Scope scope, String subject, Instant now, Instant forgetBefore) {
    SignInFailureEntity entity =
        failures
            .lockByScopeAndSubject(scope, subject)
            .orElseGet(() -> failures.saveAndFlush(new SignInFailureEntity(scope, subject, now)));
    entity.failed(now, forgetBefore);
    return entity;
  }

  private static Optional<SignInRefusedException> refusal(
      Optional<SignInFailureEntity> account, Optional<SignInFailureEntity> address, Instant now) {
    if (account.filter(SignInFailureEntity::locked).isPresent()) {
      return Optional.of(SignInRefusedException.locked());
    }
    Optional<Duration> addressWait = wait(address, now);
    if (addressWait.isPresent()) {
      return Optional.of(SignInRefusedException.addressDelayed(addressWait.get()));
    }
    return wait(account, now).map(SignInRefusedException::accountDelayed);
  }

  private static Optional<Duration> wait(Optional<SignInFailureEntity> counted, Instant now) {
    return counted
        .map(SignInFailureEntity::refusedUntil)
        .filter(until -> until.isAfter(now))
        .map(until -> Duration.between(now, until));
  }

  private static String key(String username) {
    String key = Usernames.key(username == null ? "" : username);
    return key.length() <= MAX_SUBJECT ? key : key.substring(0, MAX_SUBJECT);
  }
}
