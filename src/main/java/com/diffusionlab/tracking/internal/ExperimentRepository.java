package com.diffusionlab.tracking.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ExperimentRepository extends JpaRepository<ExperimentEntity, Long> {
  Optional<ExperimentEntity> findByOwnerIdAndName(long ownerId, String name);

  List<ExperimentEntity> findByNameIn(Collection<String> names);

  List<ExperimentEntity> findByNameContainingIgnoreCase(String part);

  List<ExperimentEntity> findAllByOrderByUpdatedAtDesc();

  List<ExperimentEntity> findBySessionIdInOrOwnerIdOrderByUpdatedAtDesc(
      Collection<Long> sessionIds, long ownerId);
}
