package com.diffusionlab.compare.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ImageDifferenceRepository
    extends JpaRepository<ImageDifferenceEntity, ImageDifferenceEntity.Pair> {}
