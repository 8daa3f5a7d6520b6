package com.diffusionlab.models.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelVersionRepository extends JpaRepository<ModelVersionEntity, Long> {
  Optional<ModelVersionEntity> findByContentHash(String contentHash);

  Optional<ModelVersionEntity> findByPathAndContentHashIsNull(String path);
}
