package com.diffusionlab.api;

import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.ExperimentChanges;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.ExperimentSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Experiments: named groups of runs with a Markdown description and tags. */
@RestController
@RequestMapping("/api/v1/experiments")
@Tag(name = "Experiments")
class ExperimentsApi {

  /** A new experiment; {@code sessionId} null for the caller's default session. */
  record NewExperiment(String name, String description, Long sessionId, Set<String> tags) {}

  /**
   * Runs to put into an experiment: copied, or moved out of {@code from} when it is given.
   *
   * @param from an experiment id, or null to copy
   */
  record RunMembership(List<Long> runIds, Long from) {}

  private final ExperimentService experiments;

  ExperimentsApi(ExperimentService experiments) {
    this.experiments = experiments;
  }

  @GetMapping
  @Operation(summary = "Experiments you can see, with run counts, status mix, device-seconds, cost")
  List<ExperimentSummary> list() {
    return experiments.visible();
  }

  @PostMapping
  @Operation(summary = "Create an experiment (names are unique among yours)")
  ResponseEntity<Experiment> create(@RequestBody NewExperiment body) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(experiments.create(body.name(), body.description(), body.sessionId(), body.tags()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "An experiment with its figures")
  ExperimentSummary experiment(@PathVariable long id) {
    return experiments.summary(id);
  }

  @PatchMapping("/{id}")
  @Operation(summary = "Rename, describe (Markdown) or tag an experiment; absent fields stay")
  Experiment update(@PathVariable long id, @RequestBody ExperimentChanges changes) {
    return experiments.update(id, changes);
  }

  @PostMapping("/{id}/runs")
  @Operation(summary = "Copy runs into the experiment, or move them from another (from)")
  Map<String, Integer> addRuns(@PathVariable long id, @RequestBody RunMembership body) {
    return Map.of(
        "added",
        experiments.addRuns(id, body.runIds() == null ? List.of() : body.runIds(), body.from()));
  }
}
