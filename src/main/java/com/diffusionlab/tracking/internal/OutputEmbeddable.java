package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.RunOutput;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public class OutputEmbeddable {
  @Column(name = "output_index")
  private int index;

  private long seed;
  private String sha256;

  @Column(name = "pixel_sha256")
  private String pixelSha256;

  private String thumbnail;

  protected OutputEmbeddable() {}

  OutputEmbeddable(RunOutput output) {
    this.index = output.index();
    this.seed = output.seed();
    this.sha256 = output.sha256();
    this.pixelSha256 = output.pixelSha256();
    this.thumbnail = output.thumbnail();
  }

  RunOutput toOutput() {
    return new RunOutput(index, seed, sha256, pixelSha256, thumbnail);
  }
}
