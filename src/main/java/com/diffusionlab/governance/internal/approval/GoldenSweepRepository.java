package com.diffusionlab.governance.internal.approval;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GoldenSweepRepository extends JpaRepository<GoldenSweepEntity, Long> {
  List<GoldenSweepEntity> findAllByOrderByChangeIdDesc();
}
