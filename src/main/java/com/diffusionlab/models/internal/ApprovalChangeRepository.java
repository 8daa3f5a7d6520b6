package com.diffusionlab.models.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApprovalChangeRepository extends JpaRepository<ApprovalChangeEntity, Long> {
  List<ApprovalChangeEntity> findByModelVersionIdOrderByIdDesc(long modelVersionId);
}
