package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.LabUser;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Users' rows as one HTTP request sees them, read once: every API call asks three times about the
 * user who signed it (whether their session still stands, whether they owe a password change, who
 * they are), and each asking was a query and a transaction of its own. Outside a request (a worker,
 * the command line, Vaadin's push) every look-up reads the database. A request that changes users
 * forgets what it read ({@link #forget}), so it reads its own changes. A request signed with an API
 * key reads none: its key's check brought its user's row ({@link #know}).
 */
@Component
public class RequestAccounts {

  private static final String ATTRIBUTE = RequestAccounts.class.getName();

  /** What the checks need of a user's row. */
  public record Account(LabUser user, boolean enabled, boolean mustChangePassword) {
    static Account of(UserEntity entity) {
      return new Account(entity.toLabUser(), entity.enabled(), entity.mustChangePassword());
    }
  }

  private final UserRepository users;

  RequestAccounts(UserRepository users) {
    this.users = users;
  }

  /** The account of {@code username}, empty when there is none. */
  public Optional<Account> find(String username) {
    return find(username, () -> users.findByUsername(username));
  }

  /**
   * The account with {@code id}, empty when there is none: a session's owner, named with it on
   * every read of the session.
   */
  public Optional<Account> find(long id) {
    return find(id, () -> users.findById(id));
  }

  /**
   * @param key a username (a String) or an id (a Long)
   */
  private Optional<Account> find(Object key, Supplier<Optional<UserEntity>> row) {
    Map<Object, Optional<Account>> read = read(RequestContextHolder.getRequestAttributes());
    if (read == null) {
      return row.get().map(Account::of);
    }
    return read.computeIfAbsent(key, unread -> row.get().map(Account::of));
  }

  /**
   * Takes {@code account} as this request's reading of its user: what an API key's check read with
   * the key, which is as fresh as the key itself ({@link ApiKeyChecks}).
   */
  void know(Account account) {
    Map<Object, Optional<Account>> read = read(RequestContextHolder.getRequestAttributes());
    if (read != null) {
      read.put(account.user().username(), Optional.of(account));
      read.put(account.user().id(), Optional.of(account));
    }
  }

  /** Forgets what this request read, before it changes users. */
  public void forget() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Optional<Account>> read(RequestAttributes request) {
    if (request == null) {
      return null;
    }
    Object read = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (read == null) {
      read = new ConcurrentHashMap<Object, Optional<Account>>();
      request.setAttribute(ATTRIBUTE, read, RequestAttributes.SCOPE_REQUEST);
    }
    return (Map<Object, Optional<Account>>) read;
  }
}
