package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.Role;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface UserRepository extends JpaRepository<UserEntity, Long> {
  Optional<UserEntity> findByUsername(String username);

  boolean existsByUsernameKey(String usernameKey);

  Optional<UserEntity> findByUsernameKey(String usernameKey);

  Optional<UserEntity> findByOidcIssuerAndOidcSubject(String oidcIssuer, String oidcSubject);

  boolean existsByRole(Role role);

  /** The enabled users with {@code role}, locked until the transaction ends. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select u from UserEntity u where u.role = :role and u.enabled = true")
  List<UserEntity> lockEnabled(@Param("role") Role role);

  /**
   * Records a sign-in, at most once a minute per user: HTTP Basic signs in on every request, and
   * one write a minute keeps the figure without a write per call.
   *
   * @return 1 when recorded
   */
  @Modifying
  @Transactional
  @Query(
      "update UserEntity u set u.lastSignInAt = :now where u.username = :username"
          + " and (u.lastSignInAt is null or u.lastSignInAt < :since)")
  int recordSignIn(
      @Param("username") String username, @Param("now") Instant now, @Param("since") Instant since);
}
