package com.diffusionlab.models.internal;

import com.diffusionlab.engine.RecommendedSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A model card's recommendations as stored with its version; all null when it has none. */
@Embeddable
public class RecommendedColumns {
  @Column(name = "recommended_cfg")
  private Double cfg;

  @Column(name = "recommended_steps")
  private Integer steps;

  @Column(name = "recommended_sampler")
  private String sampler;

  @Column(name = "recommended_width")
  private Integer width;

  @Column(name = "recommended_height")
  private Integer height;

  protected RecommendedColumns() {}

  RecommendedColumns(RecommendedSettings settings) {
    cfg = settings.cfg();
    steps = settings.steps();
    sampler = settings.sampler();
    width = settings.width();
    height = settings.height();
  }

  RecommendedSettings toSettings() {
    return new RecommendedSettings(cfg, steps, sampler, width, height);
  }
}
