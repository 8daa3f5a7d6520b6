package com.diffusionlab.identity;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.internal.RequestAccounts;
import com.diffusionlab.identity.internal.UserEntity;
import com.diffusionlab.identity.internal.UserRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

  IdentityService(
      UserRepository users,
      RequestAccounts accounts,
      PasswordEncoder encoder,
      PasswordPolicy policy) {
    this.users = users;
    this.accounts = accounts;
    this.encoder = encoder;
    this.policy = policy;
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
    return signedIn().toAccount();
  }

  /** Every user, by username. */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public List<UserAccount> accounts() {
    return users.findAll().stream()
        .map(UserEntity::toAccount)
        .sorted(Comparator.comparing(account -> Usernames.key(account.username())))
        .toList();
  }

  /**
   * @throws NotFoundException when there is no such user
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional(readOnly = true)
  public UserAccount account(String username) {
    return user(username).toAccount();
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
    try {
      return users
          .saveAndFlush(
              new UserEntity(username, encoder.encode(password), oneTime, role, Instant.now()))
          .toAccount();
    } catch (DataIntegrityViolationException raced) {
      throw taken(username);
    }
  }

  private static InvalidRequestException taken(String username) {
    return new InvalidRequestException(
        "username",
        username,
        "a username nobody has yet (compared without case): this one is taken");
  }

  /**
   * Changes a user's role or enables or disables them; their runs, experiments and sessions stay. A
   * disabled user cannot sign in, and a signed-in session of theirs ends at its next request.
   *
   * @throws InvalidRequestException naming the field: no change given, disabling oneself, or
   *     disabling or demoting the last enabled administrator
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
    if (changes.role() != null) {
      user.role(changes.role());
    }
    if (changes.enabled() != null) {
      user.enabled(changes.enabled());
    }
    return user.toAccount();
  }

  /**
   * Sets a one-time password, which the user must change at their next sign-in.
   *
   * @throws InvalidRequestException naming {@code password} when the policy refuses it
   * @throws NotFoundException when there is no such user
   */
  @PreAuthorize(Permissions.ADMINISTER)
  @Transactional
  public UserAccount resetPassword(String username, String password) {
    accounts.forget();
    UserEntity user = user(username);
    policy.check("password", user.username(), password);
    user.password(encoder.encode(password), true);
    return user.toAccount();
  }

  /**
   * Changes the signed-in user's own password, which ends a one-time password's term.
   *
   * @throws InvalidRequestException naming {@code currentPassword} when it is wrong, or {@code
   *     newPassword} when the policy refuses it or it is the current one
   */
  @PreAuthorize(Permissions.LOOK)
  @Transactional
  public UserAccount changePassword(String currentPassword, String newPassword) {
    accounts.forget();
    UserEntity user = signedIn();
    if (currentPassword == null || !encoder.matches(currentPassword, user.passwordHash())) {
      throw new InvalidRequestException(
          "currentPassword", PasswordPolicy.HIDDEN, "your current password");
    }
    policy.check("newPassword", user.username(), newPassword);
    if (newPassword.equals(currentPassword)) {
      throw new InvalidRequestException(
          "newPassword", PasswordPolicy.HIDDEN, "a password other than the current one");
    }
    user.password(encoder.encode(newPassword), false);
    return user.toAccount();
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
    return user.toAccount();
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
