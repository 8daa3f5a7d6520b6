package com.diffusionlab.scheduling;

import com.diffusionlab.Readiness;
import com.diffusionlab.engine.GenerationPng;
import com.diffusionlab.engine.image.GenerationInfotext;
import com.diffusionlab.engine.image.PngMetadataReader;
import com.diffusionlab.engine.image.PngProvenance;
import com.diffusionlab.engine.image.ProvenanceDetector;
import com.diffusionlab.engine.image.ReplayMetadata;
import com.diffusionlab.engine.image.ReplayMetadataCodec;
import com.diffusionlab.engine.sampling.SamplerFactory;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.tracking.GenerationFields;
import com.diffusionlab.tracking.GenerationRequests;
import com.diffusionlab.tracking.GenerationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Reads generation parameters from a PNG made here (the {@code diffusionlab} JSON chunk) or by
 * AUTOMATIC1111 (its {@code parameters} text), so that the image can be run again or replayed.
 * ComfyUI workflows are recognised and reported, not interpreted.
 */
@Service
public class PngImporter {

  /** AUTOMATIC1111 fields this importer maps onto a generation. */
  private static final Set<String> KNOWN =
      Set.of(
          GenerationInfotext.STEPS,
          GenerationInfotext.SAMPLER,
          GenerationInfotext.SCHEDULE_TYPE,
          GenerationInfotext.CFG_SCALE,
          GenerationInfotext.SEED,
          GenerationInfotext.SIZE,
          GenerationInfotext.MODEL_HASH,
          GenerationInfotext.MODEL,
          GenerationInfotext.CLIP_SKIP,
          GenerationInfotext.RNG,
          GenerationInfotext.VERSION,
          "Eta DDIM");

  private final ModelRegistry models;
  private final Readiness readiness;
  private final ProvenanceDetector detector = new ProvenanceDetector(new ReplayMetadataCodec());

  PngImporter(ModelRegistry models, Readiness readiness) {
    this.models = models;
    this.readiness = readiness;
  }

  /**
   * @throws com.diffusionlab.engine.EngineException for files that are not readable PNGs
   * @throws com.diffusionlab.NotReadyException while the workspace is starting: the model a PNG
   *     names may not be registered yet
   */
  public ImportedParameters read(byte[] png) {
    readiness.require();
    PngProvenance provenance;
    try {
      provenance = detector.detect(new PngMetadataReader().read(png).textMap());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return switch (provenance) {
      case PngProvenance.DiffusionLab lab -> fromReplay(lab.replay());
      case PngProvenance.Automatic1111 a1111 -> fromInfotext(a1111.infotext());
      case PngProvenance.ComfyUi comfy ->
          new ImportedParameters(
              "comfyui",
              null,
              false,
              List.of("prompt", "workflow"),
              List.of(
                  "a ComfyUI workflow: its node graph is not converted; enter the parameters by hand"));
      case PngProvenance.Unrecognized none ->
          new ImportedParameters(
              "none",
              null,
              false,
              none.keywords(),
              List.of("no generation parameters found in this PNG"));
    };
  }

  private ImportedParameters fromReplay(ReplayMetadata replay) {
    Optional<ModelVersion> model = models.find(replay.modelSha256());
    List<String> unknown = new ArrayList<>(replay.unknownFields().keySet());
    List<String> notes = new ArrayList<>();
    if (replay.strength() != null) {
      notes.add("an img2img run: the init image is not inside the PNG; upload it to run again");
    }
    if (model.isEmpty()) {
      notes.add(
          "model "
              + replay.modelName()
              + " ("
              + replay.modelSha256().substring(0, 10)
              + ") is not registered here");
    }
    GenerationSettings settings =
        GenerationRequests.fromReplay(replay)
            .with(
                GenerationFields.MODEL,
                model.map(ModelVersion::contentHash).orElse(replay.modelSha256()));
    return new ImportedParameters("diffusion-lab", settings, model.isPresent(), unknown, notes);
  }

  private ImportedParameters fromInfotext(GenerationInfotext info) {
    List<String> notes = new ArrayList<>();
    Optional<ModelVersion> model =
        info.modelHash().flatMap(models::find).or(() -> info.model().flatMap(models::find));
    if (model.isEmpty()) {
      notes.add(
          "model "
              + info.model().orElse("?")
              + " (hash "
              + info.modelHash().orElse("?")
              + ") is not registered here; pick one");
    }
    String sampler = info.sampler().orElse("Euler");
    String schedule =
        info.scheduleType().map(s -> s.equalsIgnoreCase("Automatic") ? null : s).orElse(null);
    if (SamplerFactory.find(sampler).isEmpty()) {
      notes.add("sampler '" + sampler + "' is not available here; using Euler");
      sampler = "euler";
      schedule = null;
    }
    List<String> unknown =
        info.fields().keySet().stream().filter(key -> !KNOWN.contains(key)).toList();
    if (info.denoisingStrength().isPresent()) {
      notes.add("an img2img run: upload its init image to run it the same way");
    }
    GenerationSettings settings =
        new GenerationSettings(
            model.map(ModelVersion::contentHash).orElse(null),
            null,
            info.prompt(),
            info.negativePrompt(),
            info.seed().isPresent() ? info.seed().getAsLong() : null,
            info.steps().isPresent() ? info.steps().getAsInt() : null,
            info.cfgScale().isPresent() ? info.cfgScale().getAsDouble() : null,
            sampler,
            schedule,
            info.field("Eta DDIM").map(Double::parseDouble).orElse(null),
            info.width().isPresent() ? info.width().getAsInt() : null,
            info.height().isPresent() ? info.height().getAsInt() : null,
            1,
            GenerationPng.noiseOf(info).id(),
            info.clipSkip().isPresent() ? info.clipSkip().getAsInt() : null,
            info.denoisingStrength().isPresent() ? info.denoisingStrength().getAsDouble() : null,
            null,
            null);
    return new ImportedParameters("automatic1111", settings, model.isPresent(), unknown, notes);
  }
}
