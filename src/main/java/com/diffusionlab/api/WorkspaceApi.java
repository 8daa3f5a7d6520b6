package com.diffusionlab.api;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.artifacts.Artifact;
import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.scheduling.Estimate;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.scheduling.ImportedParameters;
import com.diffusionlab.scheduling.PngImporter;
import com.diffusionlab.scheduling.RunStandings;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.ArtifactAccess;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunAction;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.RunTransition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The REST API, version 1. The same services and rules as the UI. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Diffusion Lab")
class WorkspaceApi {

  private static final int MAX_PAGE = 500;
  private static final long MAX_IMAGE_BYTES = 20L << 20;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final GenerationService generations;
  private final RunService runs;
  private final SessionService sessions;
  private final ModelRegistry models;
  private final ArtifactStore artifacts;
  private final IdentityService identity;
  private final PngImporter importer;
  private final RunStandings standings;
  private final ArtifactAccess images;

  WorkspaceApi(
      GenerationService generations,
      RunService runs,
      SessionService sessions,
      ModelRegistry models,
      ArtifactStore artifacts,
      IdentityService identity,
      PngImporter importer,
      RunStandings standings,
      ArtifactAccess images) {
    this.images = images;
    this.standings = standings;
    this.generations = generations;
    this.runs = runs;
    this.sessions = sessions;
    this.models = models;
    this.artifacts = artifacts;
    this.identity = identity;
    this.importer = importer;
  }

  @PostMapping("/generations")
  @Operation(
      summary = "Queue a generation",
      description =
          "202 with the run; 400 names each bad field, its value and what is allowed, and nothing is queued or charged.")
  ResponseEntity<Run> generate(@RequestBody GenerationSubmission body) {
    // without its place: that reads the whole queue, and submissions must stay cheap
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(generations.submit(body));
  }

  @PostMapping("/estimates")
  @Operation(summary = "Estimate a generation without running it")
  Estimate estimate(@RequestBody GenerationSubmission body) {
    return generations.estimate(body);
  }

  @GetMapping("/runs/{id}")
  @Operation(
      summary = "One run with everything recorded, and where it stands now",
      description =
          "queue (while QUEUED): position (1 = next; 0 = a worker claimed it), jobsAhead,"
              + " etaSeconds and expectedStart (null with noEtaReason when no node that runs jobs"
              + " responds), slots; progress (while RUNNING, on any node): stage, step, totalSteps,"
              + " secondsPerStep, secondsLeft, node, updatedAt (written at most every 500 ms)")
  RunBody run(@PathVariable long id) {
    Run run = visibleRun(id);
    return RunBody.of(run, standings.of(run));
  }

  @GetMapping("/runs/{id}/transitions")
  @Operation(
      summary = "A run's history",
      description =
          "every status change, oldest first: from, to, at, cause, the node that made it and the"
              + " run's attempt (0 before it first started; a retry after a worker died adds one)")
  List<RunTransition> transitions(@PathVariable long id) {
    visibleRun(id);
    return runs.transitions(id);
  }

  @GetMapping("/runs")
  @Operation(
      summary = "Runs matching a query, newest first",
      description =
          "query example: cfg > 7 and sampler = 'euler' and prompt ~ 'cat' and tag = 'best'")
  PageBody<Run> runs(
      @RequestParam(defaultValue = "") String query,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0) {
      throw new InvalidRequestException("page", page, "0 or more");
    }
    if (size < 1 || size > MAX_PAGE) {
      throw new InvalidRequestException("size", size, "1 to " + MAX_PAGE);
    }
    List<Long> visible =
        sessions.visibleTo(identity.current()).stream().map(PlaygroundSession::id).toList();
    return PageBody.of(
        runs.search(
            query, visible, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"))));
  }

  @PostMapping("/runs/{id}/replay")
  @Operation(summary = "Replay a run: same parameters and seed on the same model version")
  ResponseEntity<Run> replay(@PathVariable long id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(generations.replay(id));
  }

  @PostMapping("/runs/{id}/cancel")
  @Operation(summary = "Cancel a queued or running run (takes effect between steps)")
  Run cancel(@PathVariable long id) {
    generations.cancel(id);
    return visibleRun(id);
  }

  @PutMapping("/runs/{id}/tags")
  @Operation(summary = "Replace a run's tags")
  Run tags(@PathVariable long id, @RequestBody Set<String> tags) {
    return runs.tag(id, tags);
  }

  @PutMapping(value = "/runs/{id}/notes", consumes = MediaType.TEXT_PLAIN_VALUE)
  @Operation(summary = "Replace a run's notes")
  Run notes(@PathVariable long id, @RequestBody(required = false) String notes) {
    return runs.annotate(id, notes);
  }

  @GetMapping("/artifacts/{sha256}")
  @Operation(
      summary = "A stored image by SHA-256",
      description =
          "Served as image/png with nosniff; only PNG artifacts are servable, and only to someone"
              + " who uploaded the image or may see a run that refers to it (404 otherwise, as for"
              + " an unknown hash).")
  ResponseEntity<byte[]> artifact(@PathVariable String sha256) {
    images.require(sha256);
    Artifact artifact =
        artifacts
            .find(sha256)
            .filter(a -> ArtifactStore.PNG.equals(a.mediaType()))
            .orElseThrow(() -> new NotFoundException("no image " + sha256));
    byte[] bytes =
        artifacts
            .read(artifact.sha256())
            .filter(WorkspaceApi::isPng)
            .orElseThrow(() -> new NotFoundException("no image " + sha256));
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + sha256 + ".png\"")
        .cacheControl(
            CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePrivate().immutable())
        .body(bytes);
  }

  @PostMapping(value = "/artifacts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Upload an init image or mask (PNG or JPEG); returns its hash")
  Artifact upload(@RequestParam("file") MultipartFile file) throws IOException {
    return artifacts.storeUploadedImage(imageBytes(file));
  }

  @PostMapping(value = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Read generation parameters from a PNG (Diffusion Lab or AUTOMATIC1111)")
  ImportedParameters importPng(@RequestParam("file") MultipartFile file) throws IOException {
    return importer.read(imageBytes(file));
  }

  @GetMapping("/models")
  @Operation(summary = "Registered model versions, broken ones with their error")
  List<ModelVersion> models() {
    return models.all();
  }

  @GetMapping("/defaults")
  @Operation(
      summary = "The settings a generation starts from",
      description =
          "For a model (name or content hash; default: the workspace's default model): what its"
              + " card recommends, then the configured dlab.defaults.*. The playground's form and"
              + " every omitted field of a submission take these.")
  GenerationSettings defaults(@RequestParam(required = false) String model) {
    return generations.defaultsFor(model);
  }

  private Run visibleRun(long id) {
    return runs.require(id, RunAction.READ);
  }

  /** An uploaded image's bytes; images are read into memory, so they have a limit of their own. */
  private static byte[] imageBytes(MultipartFile file) throws IOException {
    if (file.getSize() > MAX_IMAGE_BYTES) {
      throw new BodyTooLargeException("the image", MAX_IMAGE_BYTES);
    }
    return file.getBytes();
  }

  private static boolean isPng(byte[] bytes) {
    if (bytes.length < PNG_SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < PNG_SIGNATURE.length; i++) {
      if (bytes[i] != PNG_SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }
}
