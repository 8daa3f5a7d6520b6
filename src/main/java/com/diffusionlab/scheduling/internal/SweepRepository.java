package com.diffusionlab.scheduling.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SweepRepository extends JpaRepository<SweepEntity, Long> {
  List<SweepEntity> findByStatus(SweepEntity.Status status);

  List<SweepEntity> findByStatusAndSessionId(SweepEntity.Status status, long sessionId);

  List<SweepEntity> findByExperimentIdOrderByIdDesc(long experimentId);
}
