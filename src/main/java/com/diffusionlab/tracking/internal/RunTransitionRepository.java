package com.diffusionlab.tracking.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RunTransitionRepository extends JpaRepository<RunTransitionEntity, Long> {

  List<RunTransitionEntity> findByRunIdOrderByIdAsc(long runId);
}
