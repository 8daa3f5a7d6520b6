package com.diffusionlab.identity.internal;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SignInFailureRepository extends JpaRepository<SignInFailureEntity, Long> {

  Optional<SignInFailureEntity> findByScopeAndSubject(
      SignInFailureEntity.Scope scope, String subject);

  /** The count, locked until the transaction ends: failures on two nodes at once both count. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select f from SignInFailureEntity f where f.scope = :scope and f.subject = :subject")
  Optional<SignInFailureEntity> lockByScopeAndSubject(
      @Param("scope") SignInFailureEntity.Scope scope, @Param("subject") String subject);

  @Query(
      "select f.subject from SignInFailureEntity f where f.scope = :scope and f.lockedAt is not"
          + " null")
  List<String> lockedSubjects(@Param("scope") SignInFailureEntity.Scope scope);

  /**
   * @return how many were removed
   */
  @Modifying
  @Query("delete from SignInFailureEntity f where f.scope = :scope and f.subject = :subject")
  int forget(@Param("scope") SignInFailureEntity.Scope scope, @Param("subject") String subject);

  /** Clears an account's count after a successful sign-in; a lock stays. */
  @Modifying
  @Query(
      "delete from SignInFailureEntity f where f.scope = :scope and f.subject = :subject and"
          + " f.lockedAt is null")
  int forgetUnlocked(
      @Param("scope") SignInFailureEntity.Scope scope, @Param("subject") String subject);
}
