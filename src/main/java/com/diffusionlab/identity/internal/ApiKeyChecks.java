package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.ApiKeyAuthentication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Checks a request's API key: the SHA-256 of its secret, looked up by the unique index, with the
 * key's user as they are now (enabled, role). A key checked is trusted for {@code
 * dlab.keys.recheck-after} from memory, so that a script's calls cost a hash and a map look-up, not
 * a query; revoking a key and changing a user (role, enabled, password) forget what this node knew
 * at once (after the change commits), and other nodes read the database again within that time. The
 * user's row read with the key is what the request knows of its user ({@link RequestAccounts}). Its
 * use is recorded at most once a minute.
 */
@Component
public class ApiKeyChecks {
  private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

  private final ApiKeyRepository keys;
  private final RequestAccounts accounts;
  private final ApiKeyProperties properties;
  private final Clock clock;
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  /**
   * Counts what was forgotten: a check that read the database before a change committed and
   * remembers its answer after the change forgot keys must not keep that stale answer.
   */
  private final AtomicLong forgotten = new AtomicLong();

  @Autowired
  ApiKeyChecks(ApiKeyRepository keys, RequestAccounts accounts, ApiKeyProperties properties) {
    this(keys, accounts, properties, Clock.systemUTC());
  }

  ApiKeyChecks(
      ApiKeyRepository keys, RequestAccounts accounts, ApiKeyProperties properties, Clock clock) {
    this.keys = keys;
    this.accounts = accounts;
    this.properties = properties;
    this.clock = clock;
  }

  /** A key as this node last read it, and when its use was last recorded. */
  private record Checked(ActiveKey key, Instant readAt, AtomicReference<Instant> useRecorded) {}

  /** The signed-in key for {@code secret}; empty when it is malformed, unknown or revoked. */
  public Optional<ApiKeyAuthentication> check(String secret) {
    if (!ApiKeySecrets.wellFormed(secret)) {
      return Optional.empty();
    }
    String hash = ApiKeySecrets.hash(secret);
    Instant now = clock.instant();
    Checked known = checked.get(hash);
    if (known == null || !now.isBefore(known.readAt().plus(properties.recheckAfter()))) {
      known = read(hash, now, known).orElse(null);
      if (known == null) {
        return Optional.empty();
      }
    }
    recordUse(known, now);
    ActiveKey key = known.key();
    accounts.know(key.account());
    return Optional.of(
        new ApiKeyAuthentication(key.username(), key.keyId(), key.scope(), key.role()));
  }

  private Optional<Checked> read(String hash, Instant now, Checked before) {
    long forgottenBefore = forgotten.get();
    Optional<ActiveKey> active = keys.findActive(hash).filter(ActiveKey::enabled);
    if (active.isEmpty()) {
      checked.remove(hash);
      return Optional.empty();
    }
    if (checked.size() >= properties.cacheSize()) {
      checked.clear();
    }
    Checked fresh =
        new Checked(
            active.get(),
            now,
            new AtomicReference<>(before == null ? Instant.EPOCH : before.useRecorded().get()));
    checked.put(hash, fresh);
    if (forgotten.get() != forgottenBefore) {
      // a change committed while this was read: what was read may predate it
      checked.remove(hash, fresh);
    }
    return Optional.of(fresh);
  }

  private void recordUse(Checked known, Instant now) {
    Instant recorded = known.useRecorded().get();
    if (recorded.isBefore(now.minus(USE_RESOLUTION))
        && known.useRecorded().compareAndSet(recorded, now)) {
      keys.recordUse(known.key().keyId(), now, now.minus(USE_RESOLUTION));
    }
  }

  /** Forgets a key once the transaction that revokes it commits (at once without one). */
  public void forgetKey(long keyId) {
    forgetAfterCommit(key -> key.keyId() == keyId);
  }

  /** Forgets a user's keys once the transaction that changes the user commits. */
  public void forgetUser(long userId) {
    forgetAfterCommit(key -> key.userId() == userId);
  }

  private void forgetAfterCommit(Predicate<ActiveKey> which) {
    Runnable forget =
        () -> {
          forgotten.incrementAndGet();
          checked.values().removeIf(known -> which.test(known.key()));
        };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              forget.run();
            }
          });
    } else {
      forget.run();
    }
  }
}
