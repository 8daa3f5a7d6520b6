package com.diffusionlab.tracking.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ExperimentRepository extends JpaRepository<ExperimentEntity, Long> {
  Optional<ExperimentEntity> findBySessionIdAndName(long sessionId, String name);

  List<ExperimentEntity> findBySessionIdOrderByIdAsc(long sessionId);

  List<ExperimentEntity> findByNameIn(Collection<String> names);
}
