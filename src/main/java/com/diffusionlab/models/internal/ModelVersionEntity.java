package com.diffusionlab.models.internal;

import com.diffusionlab.engine.ModelInspection;
import com.diffusionlab.engine.RecommendedSettings;
import com.diffusionlab.models.ApprovalStatus;
import com.diffusionlab.models.ModelVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.file.Path;
import java.time.Instant;

@Entity
@Table(name = "model_versions")
public class ModelVersionEntity {
  private static final int MAX_ERROR = 4000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;
  private String path;

  @Column(name = "content_hash")
  private String contentHash;

  private String format;
  private String family;

  @Column(name = "prediction_type")
  private String predictionType;

  private boolean inpainting;

  @Column(name = "default_size")
  private int defaultSize = 512;

  // every column null reads back as no embeddable: see toVersion
  @Embedded private RecommendedColumns recommended;

  @Column(name = "text_encoder_layers")
  private int textEncoderLayers;

  @Column(name = "size_bytes")
  private long sizeBytes;

  @Column(name = "text_encoder_parameters")
  private long textEncoderParameters;

  @Column(name = "unet_parameters")
  private long unetParameters;

  @Column(name = "vae_parameters")
  private long vaeParameters;

  private String status;
  private String error;

  // a version found in the models folder is a draft until an administrator approves it
  @Enumerated(EnumType.STRING)
  private ApprovalStatus approval = ApprovalStatus.DRAFT;

  @Column(name = "registered_at")
  private Instant registeredAt;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  protected ModelVersionEntity() {}

  public ModelVersionEntity(String name, Path path, Instant now) {
    this.name = name;
    this.path = path.toString();
    this.registeredAt = now;
    this.lastSeenAt = now;
    this.status = ModelVersion.AVAILABLE;
  }

  public Long id() {
    return id;
  }

  public String status() {
    return status;
  }

  public ApprovalStatus approval() {
    return approval;
  }

  public void approval(ApprovalStatus value) {
    approval = value;
  }

  public void updateFrom(
      String newName, Path newPath, ModelInspection inspection, long size, Instant now) {
    name = newName;
    path = newPath.toString();
    contentHash = inspection.contentHash();
    format = inspection.format();
    family = inspection.family();
    predictionType = inspection.predictionType();
    inpainting = inspection.inpainting();
    defaultSize = inspection.defaultSize();
    recommended = new RecommendedColumns(inspection.recommended());
    textEncoderLayers = inspection.textEncoderLayers();
    sizeBytes = size;
    for (ModelInspection.Component component : inspection.components()) {
      switch (component.name()) {
        case "text_encoder" -> textEncoderParameters = component.parameters();
        case "unet" -> unetParameters = component.parameters();
        case "vae" -> vaeParameters = component.parameters();
        default -> {}
      }
    }
    status = inspection.loadable() ? ModelVersion.AVAILABLE : ModelVersion.BROKEN;
    error = inspection.loadable() ? null : problems(inspection);
    lastSeenAt = now;
  }

  private static String problems(ModelInspection inspection) {
    StringBuilder text = new StringBuilder();
    for (ModelInspection.Component component : inspection.components()) {
      if (!component.missing().isEmpty() || !component.mismatched().isEmpty()) {
        text.append(component.name())
            .append(": ")
            .append(component.missing().size())
            .append(" missing, ")
            .append(component.mismatched().size())
            .append(" mis-shaped tensors (e.g. ")
            .append(
                component.missing().isEmpty()
                    ? component.mismatched().get(0)
                    : component.missing().get(0))
            .append("). ");
      }
    }
    return truncate(text.toString().trim());
  }

  public void markBroken(String reason, long size, Instant now) {
    status = ModelVersion.BROKEN;
    error = truncate(reason);
    sizeBytes = size;
    lastSeenAt = now;
  }

  public void markMissing(Instant now) {
    status = ModelVersion.MISSING;
    lastSeenAt = now;
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_ERROR
        ? text
        : text.substring(0, MAX_ERROR - 1) + "…";
  }

  /** The version as the registry tells it, its location and error relative to the folder. */
  public ModelVersion toVersion(ModelsFolder folder) {
    Path absolute = Path.of(path);
    return new ModelVersion(
        id,
        name,
        absolute,
        folder.relative(absolute),
        contentHash,
        format,
        family,
        predictionType,
        inpainting,
        defaultSize,
        recommended == null ? RecommendedSettings.NONE : recommended.toSettings(),
        textEncoderLayers,
        sizeBytes,
        textEncoderParameters,
        unetParameters,
        vaeParameters,
        status,
        folder.scrub(error),
        approval);
  }
}
