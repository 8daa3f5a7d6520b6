package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.GenerationSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A run's {@link GenerationSettings} as stored: one column per field, so that queries, sorting and
 * exports read them directly. Attribute names equal the settings' field names.
 */
@Embeddable
public class SettingsColumns {

  @Column(name = "model_hash")
  private String model;

  @Column(name = "model_name")
  private String modelName;

  private String prompt;

  @Column(name = "negative_prompt")
  private String negativePrompt;

  private long seed;
  private int steps;
  private double cfg;
  private String sampler;
  private String schedule;
  private double eta;
  private int width;
  private int height;
  private int batch;
  private String rng;

  @Column(name = "clip_skip")
  private int clipSkip;

  private Double strength;

  @Column(name = "init_image")
  private String initImage;

  @Column(name = "mask_image")
  private String maskImage;

  protected SettingsColumns() {}

  /** Stores recorded settings: every field but the img2img ones is set. */
  SettingsColumns(GenerationSettings s) {
    model = s.model();
    modelName = s.modelName();
    prompt = s.prompt();
    negativePrompt = s.negativePrompt();
    seed = s.seed();
    steps = s.steps();
    cfg = s.cfg();
    sampler = s.sampler();
    schedule = s.schedule();
    eta = s.eta();
    width = s.width();
    height = s.height();
    batch = s.batch();
    rng = s.rng();
    clipSkip = s.clipSkip();
    strength = s.strength();
    initImage = s.initImage();
    maskImage = s.maskImage();
  }

  GenerationSettings toSettings() {
    return new GenerationSettings(
        model,
        modelName,
        prompt,
        negativePrompt,
        seed,
        steps,
        cfg,
        sampler,
        schedule,
        eta,
        width,
        height,
        batch,
        rng,
        clipSkip,
        strength,
        initImage,
        maskImage);
  }

  int steps() {
    return steps;
  }
}
