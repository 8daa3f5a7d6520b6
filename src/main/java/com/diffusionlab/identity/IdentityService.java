package com.diffusionlab.identity;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.internal.ApiKeyChecks;
import com.diffusionlab.identity.internal.RequestAccounts;
import com.diffusionlab.identity.internal.SignInThrottle;
import com.diffusionlab.identity.internal.UserEntity;
import com.diffusionlab.identity.internal.UserRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users, their roles and who is signed in. Administrators add users with a one-time password,
 * change roles, disable and re-enable users and reset passwords; everyone changes their own
 * password and theme. The guards hold for every caller (UI, REST, command line): the last enabled
 * administrator is neither disabled nor demoted, and nobody disables themselves.
 */
@Service
public class IdentityService {

  private final UserRepository users;
  private final RequestAccounts accounts;
  private final PasswordEncoder encoder;
  private final PasswordPolicy policy;
  private final SignInThrottle throttle;
  private final ApplicationEventPublisher events;
  private final ApiKeyChecks keyChecks;

  IdentityService(
      UserRepository users,
      RequestAccounts accounts,
      PasswordEncoder encoder,
      PasswordPolicy policy,
      SignInThrottle throttle,
      ApplicationEventPublisher events,
      ApiKeyChecks keyChecks) {
    this.users = users;
    this.accounts = accounts;
    this.encoder = encoder;
    this.policy = policy;
    this.throttle = throttle;
    this.events = events;
    this.keyChecks = keyChecks;
  }

  /** The signed-in user. */
  public LabUser current() {
    String name = signedInName().orElseThrow(() -> new AccessDeniedException("not signed in"));
    return accounts
        .find(name)
        .map(RequestAccounts.Account::user)
        .orElseThrow(() -> new AccessDeniedException("unknown user " + name));
  }

  @Transactional(readOnly = true)
  public Optional<LabUser> find(String username) {
    return users.findByUsername(username).map(UserEntity::toLabUser);
  }

  public Optional<LabUser> find(long id) {
    return accounts.find(id).map(RequestAccounts.Account::user);
  }

  @Transactional(readOnly = true)
  public boolean anyAdmin() {
    return users.existsByRole(Role.ADMIN);
  }

  /**
   * Whether a signed-in session of {@code username} with {@code role} still stands: the account
   * exists, is enabled and has that role. A session that no longer stands is ended.
   */
  public boolean stillStands(String username, Role role) {
    return accounts
        .find(username)
        .filter(account -> account.enabled() && account.user().role() == role)
        .isPresent();
  }

  /** Whether whoever is signed in must change their one-time password before anything else. */
  public boolean mustChangePassword() {
    return signedInName()
        .flatMap(accounts::find)
        .map(RequestAccounts.Account::mustChangePassword)
        .orElse(false);
  }

  /** The signed-in user's own account. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional(readOnly = true)
  public UserAccount me() {
    return account(signedIn());
  }

  /** Every user, by username. */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public List<UserAccount> accounts() {
    Set<String> locked = throttle.lockedAccounts();
    return users.findAll().stream()
        .map(user -> user.toAccount(locked.contains(Usernames.key(user.username()))))
        .sorted(Comparator.comparing(account -> Usernames.key(account.username())))
        .toList();
  }

  /**
   * @throws NotFoundException when there is no such user
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public UserAccount account(String username) {
    return account(user(username));
  }

  /**
   * A new user who signs in with {@code password} once and must then change it.
   *
   * @throws InvalidRequestException naming the field: a malformed or taken username (compared
   *     without case), or a password the policy refuses
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public UserAccount create(String username, String password, Role role) {
    accounts.forget();
    return add(username, password, role, true);
  }

  /**
   * The first administrator, when there is none yet (the first start); nothing otherwise.
   *
   * @param oneTime whether the password must be changed at the first sign-in
   * @return whether it was created
   * @throws InvalidRequestException naming {@code field} for a password the policy refuses
   */
  @Transactional
  public boolean createFirstAdmin(String username, String field, String password, boolean oneTime) {
    accounts.forget();
    if (anyAdmin()) {
      return false;
    }
    policy.check(field, username, password);
    add(username, password, Role.ADMIN, oneTime);
    return true;
  }

  private UserAccount add(String username, String password, Role role, boolean oneTime) {
    Usernames.check("username", username);
    if (role == null) {
      throw new InvalidRequestException("role", "(none)", "one of ADMIN, RESEARCHER, VIEWER");
    }
    policy.check("password", username, password);
    if (users.existsByUsernameKey(Usernames.key(username))) {
      throw taken(username);
    }
    UserAccount added;
    try {
      added =
          account(
              users.saveAndFlush(
                  new UserEntity(
                      username, encoder.encode(password), oneTime, role, Instant.now())));
    } catch (DataIntegrityViolationException raced) {
      throw taken(username);
    }
    events.publishEvent(
        AuditEvent.succeeded(
            "user.add", target(username), "role " + role + (oneTime ? ", one-time password" : "")));
    return added;
  }

  private static String target(String username) {
    return "user " + username;
  }

  private static InvalidRequestException taken(String username) {
    return new InvalidRequestException(
        "username",
        username,
        "a username nobody has yet (compared without case): this one is taken");
  }

  /**
   * Changes a user's role or enables or disables them; their runs, experiments and sessions stay. A
   * disabled user cannot sign in, a signed-in session of theirs ends at its next request, and their
   * API keys stop working (or act with the new role) at once on this node.
   *
   * @throws InvalidRequestException naming the field: no change given, disabling oneself, disabling
   *     or demoting the last enabled administrator, or another role for a user of the identity
   *     provider (whose claim decides it)
   * @throws NotFoundException when there is no such user
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public UserAccount update(String username, AccountChanges changes) {
    accounts.forget();
    if (changes.role() == null && changes.enabled() == null) {
      throw new InvalidRequestException(
          "role", "(none)", "a role or enabled (true or false) to change: nothing was given");
    }
    UserEntity user = user(username);
    if (changes.role() != null && changes.role() != user.role() && !user.hasLocalPassword()) {
      throw new InvalidRequestException(
          "role",
          changes.role(),
          user.role()
              + ": "
              + user.username()
              + " signs in through "
              + user.oidcIssuer()
              + ", whose claim decides their role at every sign-in");
    }
    boolean disabling = Boolean.FALSE.equals(changes.enabled()) && user.enabled();
    if (disabling && signedInName().filter(user.username()::equals).isPresent()) {
      throw new InvalidRequestException(
          "enabled", false, "true: you cannot disable yourself (another administrator can)");
    }
    boolean demoting =
        changes.role() != null && changes.role() != Role.ADMIN && user.role() == Role.ADMIN;
    if ((disabling || demoting) && user.enabled() && user.role() == Role.ADMIN) {
      // locked, so that two administrators demoting each other at once cannot both pass
      if (users.lockEnabled(Role.ADMIN).size() <= 1) {
        throw demoting
            ? new InvalidRequestException(
                "role",
                changes.role(),
                "ADMIN: " + username + " is the last enabled administrator; make another first")
            : new InvalidRequestException(
                "enabled",
                false,
                "true: " + username + " is the last enabled administrator; make another first");
      }
    }
    if (changes.role() != null && changes.role() != user.role()) {
      events.publishEvent(
          AuditEvent.succeeded(
              "user.role", target(user.username()), user.role() + " → " + changes.role()));
      user.role(changes.role());
    }
    if (changes.enabled() != null && changes.enabled() != user.enabled()) {
      events.publishEvent(
          AuditEvent.succeeded(
              changes.enabled() ? "user.enable" : "user.disable", target(user.username())));
      user.enabled(changes.enabled());
    }
    // the user's API keys act with the new role, or stop, from the commit on
    keyChecks.forgetUser(user.id());
    return account(user);
  }

  /**
   * Sets a one-time password, which the user must change at their next sign-in.
   *
   * @throws InvalidRequestException naming {@code password} when the policy refuses it or the user
   *     signs in through the identity provider, which keeps their password
   * @throws NotFoundException when there is no such user
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public UserAccount resetPassword(String username, String password) {
    accounts.forget();
    UserEntity user = user(username);
    requireLocalPassword("password", user);
    policy.check("password", user.username(), password);
    user.password(encoder.encode(password), true);
    // the user's keys stop until the one-time password is changed, from the commit on
    keyChecks.forgetUser(user.id());
    events.publishEvent(AuditEvent.succeeded("user.password-reset", target(user.username())));
    return account(user);
  }

  /**
   * Changes the signed-in user's own password, which ends a one-time password's term.
   *
   * @throws InvalidRequestException naming {@code currentPassword} when it is wrong or the user
   *     signs in through the identity provider, or {@code newPassword} when the policy refuses it
   *     or it is the current one
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional
  public UserAccount changePassword(String currentPassword, String newPassword) {
    accounts.forget();
    UserEntity user = signedIn();
    requireLocalPassword("currentPassword", user);
    if (currentPassword == null || !encoder.matches(currentPassword, user.passwordHash())) {
      events.publishEvent(
          AuditEvent.refused(
              "user.password-change", target(user.username()), "the current password was wrong"));
      throw new InvalidRequestException(
          "currentPassword", PasswordPolicy.HIDDEN, "your current password");
    }
    policy.check("newPassword", user.username(), newPassword);
    if (newPassword.equals(currentPassword)) {
      throw new InvalidRequestException(
          "newPassword", PasswordPolicy.HIDDEN, "a password other than the current one");
    }
    user.password(encoder.encode(newPassword), false);
    keyChecks.forgetUser(user.id());
    events.publishEvent(AuditEvent.succeeded("user.password-change", target(user.username())));
    return account(user);
  }

  /** Keeps the signed-in user's theme for their next sign-in. */
  @PreAuthorize(Permissions.LOOK)
  @Transactional
  public UserAccount setTheme(Theme theme) {
    accounts.forget();
    if (theme == null) {
      throw new InvalidRequestException("theme", "(none)", "one of LIGHT, DARK");
    }
    UserEntity user = signedIn();
    user.theme(theme);
    return account(user);
  }

  /**
   * Unlocks an account that too many failed sign-ins locked and clears its count of failures (and
   * so any delay); an account that is not locked stays as it is.
   *
   * @throws NotFoundException when there is no such user
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public UserAccount unlock(String username) {
    UserEntity user = user(username);
    boolean wasLocked = throttle.unlock(user.username());
    events.publishEvent(
        AuditEvent.succeeded(
            "user.unlock",
            "user " + user.username(),
            wasLocked ? "was locked" : "was not locked; its failed sign-ins are cleared"));
    return account(user);
  }

  private UserAccount account(UserEntity user) {
    return user.toAccount(throttle.isLocked(user.username()));
  }

  private static void requireLocalPassword(String field, UserEntity user) {
    if (!user.hasLocalPassword()) {
      throw new InvalidRequestException(
          field,
          PasswordPolicy.HIDDEN,
          "a user with a password kept here: "
              + user.username()
              + " signs in through "
              + user.oidcIssuer()
              + ", which keeps their password");
    }
  }

  private UserEntity user(String username) {
    return users
        .findByUsername(username == null ? "" : username)
        .orElseThrow(() -> new NotFoundException("no user " + Usernames.shown(username)));
  }

  private UserEntity signedIn() {
    String name = signedInName().orElseThrow(() -> new AccessDeniedException("not signed in"));
    return users
        .findByUsername(name)
        .orElseThrow(() -> new AccessDeniedException("unknown user " + name));
  }

  private static Optional<String> signedInName() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.of(authentication.getName());
  }
}
