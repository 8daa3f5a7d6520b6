package com.diffusionlab.sessions.internal;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface SessionRepository extends JpaRepository<SessionEntity, Long> {
  @Query("select s from SessionEntity s where s.ownerId = ?1 or s.shared = true order by s.id")
  List<SessionEntity> findVisible(long userId);

  List<SessionEntity> findAllByOrderByIdAsc();

  Optional<SessionEntity> findByDefaultFor(long ownerId);

  /**
   * The session with its row locked until the transaction ends ({@code SELECT … FOR UPDATE}):
   * admissions to one session take turns, so each sees the jobs the one before admitted.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select s from SessionEntity s where s.id = ?1")
  Optional<SessionEntity> lockById(long id);
}
