package com.diffusionlab.scheduling.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SweepCellRepository extends JpaRepository<SweepCellEntity, SweepCellEntity.Key> {
  List<SweepCellEntity> findByKeySweepIdOrderByKeyIndex(long sweepId);

  List<SweepCellEntity> findByRunIdBetween(long fromRunId, long toRunId);
}
