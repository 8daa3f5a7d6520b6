package com.diffusionlab.identity;

import com.diffusionlab.identity.internal.UserEntity;
import com.diffusionlab.identity.internal.UserRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their roles and who is signed in. */
@Service
public class IdentityService {

  public static final int MIN_PASSWORD_LENGTH = 8;

  private final UserRepository users;
  private final PasswordEncoder encoder;

  IdentityService(UserRepository users, PasswordEncoder encoder) {
    this.users = users;
    this.encoder = encoder;
  }

  /** The signed-in user. */
  @Transactional(readOnly = true)
  public LabUser current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      throw new AccessDeniedException("not signed in");
    }
    return find(authentication.getName())
        .orElseThrow(() -> new AccessDeniedException("unknown user " + authentication.getName()));
  }

  @Transactional(readOnly = true)
  public Optional<LabUser> find(String username) {
    return users.findByUsername(username).map(UserEntity::toLabUser);
  }

  @Transactional(readOnly = true)
  public Optional<LabUser> find(long id) {
    return users.findById(id).map(UserEntity::toLabUser);
  }

  @Transactional(readOnly = true)
  public List<LabUser> all() {
    return users.findAll().stream().map(UserEntity::toLabUser).toList();
  }

  /**
   * @throws IllegalArgumentException naming the field when the username is taken or malformed or
   *     the password too short
   */
  @Transactional
  public LabUser create(String username, String password, Role role) {
    if (username == null || !username.matches("[A-Za-z0-9._-]{2,64}")) {
      throw new IllegalArgumentException(
          "username='" + username + "' is not allowed: 2 to 64 letters, digits, '.', '_' or '-'");
    }
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "password is not allowed: at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (users.findByUsername(username).isPresent()) {
      throw new IllegalArgumentException("username='" + username + "' is taken");
    }
    return users
        .save(new UserEntity(username, encoder.encode(password), role, Instant.now()))
        .toLabUser();
  }

  @Transactional(readOnly = true)
  public boolean anyAdmin() {
    return users.existsByRole(Role.ADMIN);
  }
}
