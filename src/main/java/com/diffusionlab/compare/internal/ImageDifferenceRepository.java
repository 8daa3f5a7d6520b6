package com.diffusionlab.compare.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ImageDifferenceRepository
    extends JpaRepository<ImageDifferenceEntity, ImageDifferenceEntity.Pair> {

  List<ImageDifferenceEntity> findByHeatmap(String heatmap);
}
