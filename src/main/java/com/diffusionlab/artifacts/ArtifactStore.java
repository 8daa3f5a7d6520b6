package com.diffusionlab.artifacts;

import com.diffusionlab.LabProperties;
import com.diffusionlab.artifacts.internal.ArtifactEntity;
import com.diffusionlab.artifacts.internal.ArtifactRepository;
import com.diffusionlab.artifacts.internal.ArtifactUploadEntity;
import com.diffusionlab.artifacts.internal.ArtifactUploadRepository;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.Sha256;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.ResizeFilter;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Permissions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Content-addressed files under {@code <data>/artifacts}: a file's name is the SHA-256 of its
 * bytes, so equal images are stored once and a hash never points at other content. The file is
 * written (to a temporary name, then moved) before the row that points at it exists.
 */
@Service
public class ArtifactStore {

  public static final String PNG = "image/png";
  public static final int THUMBNAIL_SIDE = 192;
  private static final long MAX_UPLOAD_PIXELS = 4096L * 4096;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path root;
  private final ArtifactRepository artifacts;
  private final ArtifactUploadRepository uploads;
  private final IdentityService identity;
  private final PngWriter png = new PngWriter();

  ArtifactStore(
      LabProperties properties,
      ArtifactRepository artifacts,
      ArtifactUploadRepository uploads,
      IdentityService identity) {
    this.root = properties.dataDir().resolve("artifacts");
    this.artifacts = artifacts;
    this.uploads = uploads;
    this.identity = identity;
  }

  /** True for a well-formed SHA-256 hex string: the only input accepted as an artifact name. */
  public static boolean isSha256(String value) {
    return value != null && SHA256.matcher(value).matches();
  }

  @Transactional
  public Artifact store(byte[] bytes, String mediaType, Integer width, Integer height) {
    String sha256 = Sha256.of(bytes);
    Path file = path(sha256);
    try {
      if (!renewed(file)) {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), sha256, ".part");
        Files.write(temporary, bytes);
        move(temporary, file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store artifact " + sha256, e);
    }
    ArtifactEntity entity =
        artifacts
            .findById(sha256)
            .orElseGet(
                () ->
                    artifacts.save(
                        new ArtifactEntity(
                            sha256, mediaType, bytes.length, width, height, Instant.now())));
    return entity.toArtifact();
  }

  /** A PNG of {@code image} scaled to fit {@link #THUMBNAIL_SIDE} (small images as they are). */
  @Transactional
  public Artifact storeThumbnail(RgbImage image) {
    double scale = Math.min(1, THUMBNAIL_SIDE / (double) Math.max(image.width(), image.height()));
    RgbImage small =
        scale < 1
            ? image.resize(
                Math.max(1, (int) Math.round(image.width() * scale)),
                Math.max(1, (int) Math.round(image.height() * scale)),
                ResizeFilter.LANCZOS)
            : image;
    return store(png.encode(small, List.of()), PNG, small.width(), small.height());
  }

  /**
   * Stores an uploaded image re-encoded as a plain PNG: whatever else the upload held (other
   * formats, metadata, trailing bytes) never reaches the store. The signed-in user is recorded as
   * an uploader: until a run uses it, the image is theirs (and the administrators') to read.
   *
   * @throws InvalidRequestException naming the file when it is not a readable PNG or JPEG
   */
  @PreAuthorize(Permissions.GENERATE)
  @Transactional
  public Artifact storeUploadedImage(byte[] bytes) {
    RgbImage image;
    try {
      image = new ImageFiles(MAX_UPLOAD_PIXELS).readRgb(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException(
          "file", bytes.length + " bytes", "a PNG or JPEG image (" + e.getMessage() + ")");
    }
    Artifact stored = store(png.encode(image, List.of()), PNG, image.width(), image.height());
    ArtifactUploadEntity.Key upload =
        new ArtifactUploadEntity.Key(stored.sha256(), identity.current().id());
    if (!uploads.existsById(upload)) {
      uploads.save(new ArtifactUploadEntity(upload, Instant.now()));
    }
    return stored;
  }

  /** Whether the user uploaded the image. */
  @Transactional(readOnly = true)
  public boolean uploadedBy(String sha256, long userId) {
    return isSha256(sha256) && uploads.existsById(new ArtifactUploadEntity.Key(sha256, userId));
  }

  @Transactional(readOnly = true)
  public Optional<Artifact> find(String sha256) {
    if (!isSha256(sha256)) {
      return Optional.empty();
    }
    return artifacts.findById(sha256).map(ArtifactEntity::toArtifact);
  }

  /** The file's bytes; empty for malformed names, unknown or missing artifacts. */
  public Optional<byte[]> read(String sha256) {
    if (!isSha256(sha256)) {
      return Optional.empty();
    }
    Path file = path(sha256);
    try {
      return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + sha256, e);
    }
  }

  private Path path(String sha256) {
    return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".bin");
  }

  /**
   * Renews the time of a file a new row reuses, so that {@link OrphanArtifacts} does not take it
   * for an orphan however old it is.
   *
   * @return false when there is no such file (never stored, or collected a moment ago)
   */
  private static boolean renewed(Path file) throws IOException {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
