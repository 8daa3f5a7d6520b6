package com.diffusionlab.compare.internal;

import com.diffusionlab.tracking.DerivedImages;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A difference heatmap is made from the two images it compares. */
@Component
class HeatmapSources implements DerivedImages {

  private final ImageDifferenceRepository differences;

  HeatmapSources(ImageDifferenceRepository differences) {
    this.differences = differences;
  }

  @Override
  @Transactional(readOnly = true)
  public List<List<String>> sourcesOf(String sha256) {
    return differences.findByHeatmap(sha256).stream()
        .map(difference -> List.of(difference.pair().first(), difference.pair().second()))
        .toList();
  }
}
