package com.diffusionlab.scheduling.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SweepCellRepository extends JpaRepository<SweepCellEntity, SweepCellEntity.Key> {
  List<SweepCellEntity> findByKeySweepIdOrderByKeyIndex(long sweepId);

  Optional<SweepCellEntity> findByRunId(long runId);

  List<SweepCellEntity> findByRunIdIn(Collection<Long> runIds);
}
