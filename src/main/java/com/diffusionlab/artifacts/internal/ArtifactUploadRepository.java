package com.diffusionlab.artifacts.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ArtifactUploadRepository
    extends JpaRepository<ArtifactUploadEntity, ArtifactUploadEntity.Key> {}
