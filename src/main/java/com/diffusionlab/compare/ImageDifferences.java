package com.diffusionlab.compare;

import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.compare.internal.ImageDifferenceCalculator;
import com.diffusionlab.compare.internal.ImageDifferenceEntity;
import com.diffusionlab.compare.internal.ImageDifferenceRepository;
import com.diffusionlab.compare.internal.MeasuredDifference;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.identity.Permissions;
import com.diffusionlab.tracking.ArtifactAccess;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The difference figures and heatmap of two stored PNGs, computed on the server from the files and
 * kept, so that each pair is computed once however often it is compared.
 */
@Service
public class ImageDifferences {

  private static final long MAX_PIXELS = 4096L * 4096;

  private final ArtifactStore artifacts;
  private final ImageDifferenceRepository cache;
  private final ImageDifferenceCalculator calculator = new ImageDifferenceCalculator(MAX_PIXELS);
  private final PngWriter png = new PngWriter();

  private final ArtifactAccess access;

  ImageDifferences(
      ArtifactStore artifacts, ImageDifferenceRepository cache, ArtifactAccess access) {
    this.artifacts = artifacts;
    this.cache = cache;
    this.access = access;
  }

  /**
   * @throws InvalidRequestException naming {@code a} or {@code b} when it is not a stored image the
   *     signed-in user may read (the same answer for both)
   */
  @PreAuthorize(Permissions.LOOK)
  public ImageComparison compare(String a, String b) {
    ImageDifferenceEntity.Pair pair = ImageDifferenceEntity.Pair.of(check("a", a), check("b", b));
    ImageDifferenceEntity known = cache.findById(pair).orElseGet(() -> compute(a, b, pair));
    return new ImageComparison(a, b, known.figures(), known.heatmap());
  }

  private ImageDifferenceEntity compute(String a, String b, ImageDifferenceEntity.Pair pair) {
    MeasuredDifference measured = calculator.compare(bytes("a", a), bytes("b", b));
    String heatmap =
        measured.heatmap() == null
            ? null
            : artifacts
                .store(
                    png.encode(measured.heatmap(), List.of()),
                    ArtifactStore.PNG,
                    measured.heatmap().width(),
                    measured.heatmap().height())
                .sha256();
    ImageDifferenceEntity entity =
        new ImageDifferenceEntity(pair, measured.figures(), heatmap, Instant.now());
    try {
      return cache.save(entity);
    } catch (DataIntegrityViolationException computedMeanwhile) {
      return entity;
    }
  }

  private String check(String field, String sha256) {
    if (artifacts.find(sha256).filter(x -> ArtifactStore.PNG.equals(x.mediaType())).isEmpty()
        || !access.mayRead(sha256)) {
      throw new InvalidRequestException(field, sha256, "the SHA-256 of a stored image");
    }
    return sha256;
  }

  private byte[] bytes(String field, String sha256) {
    return artifacts
        .read(sha256)
        .orElseThrow(
            () -> new InvalidRequestException(field, sha256, "the SHA-256 of a stored image"));
  }
}
