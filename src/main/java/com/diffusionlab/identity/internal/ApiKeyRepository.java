package com.diffusionlab.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ApiKeyRepository extends JpaRepository<ApiKeyEntity, Long> {

  /** The key with this secret hash, unless revoked, by the unique index on the hash. */
  @Query(
      "select new com.diffusionlab.identity.internal.ActiveKey(k.id, k.scope, u.id, u.username,"
          + " u.role, u.enabled, u.mustChangePassword) from ApiKeyEntity k join k.user u"
          + " where k.secretHash = :hash and k.revokedAt is null")
  Optional<ActiveKey> findActive(@Param("hash") String secretHash);

  @Query(
      "select k from ApiKeyEntity k join fetch k.user u where u.id = :userId and k.revokedAt is"
          + " null order by k.id")
  List<ApiKeyEntity> activeOf(@Param("userId") long userId);

  @Query(
      "select k from ApiKeyEntity k join fetch k.user u where k.revokedAt is null"
          + " order by u.usernameKey, k.id")
  List<ApiKeyEntity> allActive();

  /** Whether the user has an active key of this name, compared without case. */
  boolean existsByUser_IdAndRevokedAtIsNullAndNameIgnoreCase(long userId, String name);

  long countByUser_IdAndRevokedAtIsNull(long userId);

  /**
   * Records a key's use, at most once a minute: a script makes many calls a second, and one write a
   * minute keeps the figure without a write per call (also when several web nodes see the key).
   *
   * @return 1 when recorded
   */
  @Modifying
  @Transactional
  @Query(
      "update ApiKeyEntity k set k.lastUsedAt = :now where k.id = :id"
          + " and (k.lastUsedAt is null or k.lastUsedAt < :since)")
  int recordUse(@Param("id") long id, @Param("now") Instant now, @Param("since") Instant since);
}
