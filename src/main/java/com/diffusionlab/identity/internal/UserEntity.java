package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
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

  @Column(name = "password_hash")
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  private Role role;

  private boolean enabled = true;

  @Column(name = "created_at")
  private Instant createdAt;

  protected UserEntity() {}

  public UserEntity(String username, String passwordHash, Role role, Instant createdAt) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role;
    this.createdAt = createdAt;
  }

  public LabUser toLabUser() {
    return new LabUser(id, username, role);
  }

  String username() {
    return username;
  }

  String passwordHash() {
    return passwordHash;
  }

  Role role() {
    return role;
  }

  boolean enabled() {
    return enabled;
  }
}
