package com.diffusionlab.compare.internal;

import com.diffusionlab.compare.ImageDifference;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * The figures of two images, computed once; the pair is ordered by hash (the figures are
 * symmetric).
 */
@Entity
@Table(name = "image_differences")
public class ImageDifferenceEntity {

  /** Two artifact hashes, the smaller first. */
  @Embeddable
  public record Pair(
      @Column(name = "first_sha256") String first, @Column(name = "second_sha256") String second)
      implements Serializable {

    public static Pair of(String a, String b) {
      return a.compareTo(b) <= 0 ? new Pair(a, b) : new Pair(b, a);
    }
  }

  @EmbeddedId private Pair pair;

  @Column(name = "identical_bytes")
  private boolean identicalBytes;

  @Column(name = "identical_pixels")
  private Boolean identicalPixels;

  private Integer width;
  private Integer height;

  @Column(name = "max_abs_difference")
  private Integer maxAbsDifference;

  @Column(name = "mean_abs_difference")
  private Double meanAbsDifference;

  private Double psnr;
  private Double ssim;

  @Column(name = "differing_pixels")
  private Long differingPixels;

  @Column(name = "heatmap_sha256")
  private String heatmap;

  private String note;

  @Column(name = "computed_at")
  private Instant computedAt;

  protected ImageDifferenceEntity() {}

  public ImageDifferenceEntity(Pair pair, ImageDifference d, String heatmap, Instant computedAt) {
    this.pair = pair;
    this.identicalBytes = d.identicalBytes();
    this.identicalPixels = d.identicalPixels();
    this.width = d.width();
    this.height = d.height();
    this.maxAbsDifference = d.maxAbsDifference();
    this.meanAbsDifference = d.meanAbsDifference();
    this.psnr = d.psnr();
    this.ssim = d.ssim();
    this.differingPixels = d.differingPixels();
    this.heatmap = heatmap;
    this.note = d.note();
    this.computedAt = computedAt;
  }

  public ImageDifference figures() {
    return new ImageDifference(
        identicalBytes,
        Boolean.TRUE.equals(identicalPixels),
        width,
        height,
        maxAbsDifference,
        meanAbsDifference,
        psnr,
        ssim,
        differingPixels,
        note);
  }

  public Pair pair() {
    return pair;
  }

  public String heatmap() {
    return heatmap;
  }
}
