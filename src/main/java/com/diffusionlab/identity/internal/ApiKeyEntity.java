package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.ApiKey;
import com.diffusionlab.identity.ApiKeyScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "api_keys")
public class ApiKeyEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  private UserEntity user;

  private String name;

  @Enumerated(EnumType.STRING)
  private ApiKeyScope scope;

  @Column(name = "secret_hash")
  private String secretHash;

  private String prefix;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiKeyEntity() {}

  public ApiKeyEntity(
      UserEntity user,
      String name,
      ApiKeyScope scope,
      String secretHash,
      String prefix,
      Instant createdAt) {
    this.user = user;
    this.name = name;
    this.scope = scope;
    this.secretHash = secretHash;
    this.prefix = prefix;
    this.createdAt = createdAt;
  }

  public ApiKey toApiKey() {
    return new ApiKey(id, name, scope, prefix, user.username(), createdAt, lastUsedAt);
  }

  public long id() {
    return id;
  }

  public UserEntity user() {
    return user;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public void revoke(Instant at) {
    this.revokedAt = at;
  }

  /** How the audit log names it: {@code key 7 of alice}. */
  public String described() {
    return "key " + id + " of " + user.username();
  }
}
