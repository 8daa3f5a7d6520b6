package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.RunStatus;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface RunRepository
    extends JpaRepository<RunEntity, Long>, JpaSpecificationExecutor<RunEntity> {

  long countBySessionIdAndStatusIn(long sessionId, Collection<RunStatus> statuses);

  List<RunEntity> findByStatusOrderByIdAsc(RunStatus status);

  List<RunEntity> findByParentIdOrderByIdAsc(long parentId);
}
