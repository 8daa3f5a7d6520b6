package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.Theme;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.identity.Usernames;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "users")
public class UserEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String username;

  /** The username as names are compared (lower case), unique: "Ada" and "ada" are one user. */
  @Column(name = "username_key")
  private String usernameKey;

  @Column(name = "password_hash")
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  private Role role;

  private boolean enabled = true;

  @Column(name = "must_change_password")
  private boolean mustChangePassword;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "last_sign_in_at")
  private Instant lastSignInAt;

  @Enumerated(EnumType.STRING)
  private Theme theme = Theme.LIGHT;

  /** The OpenID Connect issuer this user signs in through; null for a local password. */
  @Column(name = "oidc_issuer")
  private String oidcIssuer;

  /** Who the issuer says this user is (its {@code sub} claim), for ever. */
  @Column(name = "oidc_subject")
  private String oidcSubject;

  protected UserEntity() {}

  /** A user who signs in through {@code issuer} as {@code subject}, with no local password. */
  public static UserEntity external(
      String username, String issuer, String subject, Role role, Instant createdAt) {
    UserEntity user = new UserEntity(username, null, false, role, createdAt);
    user.oidcIssuer = issuer;
    user.oidcSubject = subject;
    return user;
  }

  public UserEntity(
      String username,
      String passwordHash,
      boolean mustChangePassword,
      Role role,
      Instant createdAt) {
    this.username = username;
    this.usernameKey = Usernames.key(username);
    this.passwordHash = passwordHash;
    this.mustChangePassword = mustChangePassword;
    this.role = role;
    this.createdAt = createdAt;
  }

  public LabUser toLabUser() {
    return new LabUser(id, username, role);
  }

  /**
   * @param locked whether sign-in throttling locked the account
   */
  public UserAccount toAccount(boolean locked) {
    return new UserAccount(
        username,
        role,
        enabled,
        locked,
        mustChangePassword,
        createdAt,
        lastSignInAt,
        theme,
        oidcIssuer);
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public Role role() {
    return role;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean mustChangePassword() {
    return mustChangePassword;
  }

  /** Whether this user signs in with a password kept here (not through an identity provider). */
  public boolean hasLocalPassword() {
    return oidcIssuer == null;
  }

  public String oidcIssuer() {
    return oidcIssuer;
  }

  public void role(Role role) {
    this.role = role;
  }

  public void enabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * @param oneTime set by an administrator: to be changed at the next sign-in
   */
  public void password(String hash, boolean oneTime) {
    this.passwordHash = hash;
    this.mustChangePassword = oneTime;
  }

  public void theme(Theme theme) {
    this.theme = theme;
  }
}
