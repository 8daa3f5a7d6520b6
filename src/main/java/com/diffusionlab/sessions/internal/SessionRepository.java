package com.diffusionlab.sessions.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface SessionRepository extends JpaRepository<SessionEntity, Long> {
  @Query("select s from SessionEntity s where s.ownerId = ?1 or s.shared = true order by s.id")
  List<SessionEntity> findVisible(long userId);

  List<SessionEntity> findAllByOrderByIdAsc();

  Optional<SessionEntity> findFirstByOwnerIdAndNameOrderByIdAsc(long ownerId, String name);
}
