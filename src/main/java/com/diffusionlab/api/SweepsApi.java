package com.diffusionlab.api;

import com.diffusionlab.compare.SweepGridImages;
import com.diffusionlab.scheduling.Sweep;
import com.diffusionlab.scheduling.SweepGrid;
import com.diffusionlab.scheduling.SweepPlan;
import com.diffusionlab.scheduling.SweepService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Sweeps from YAML definitions: plan, launch, follow, cancel. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sweeps")
class SweepsApi {

  private static final String YAML = "application/yaml";

  private final SweepService sweeps;
  private final SweepGridImages gridImages;

  SweepsApi(SweepService sweeps, SweepGridImages gridImages) {
    this.sweeps = sweeps;
    this.gridImages = gridImages;
  }

  @PostMapping(
      value = "/sweeps/plans",
      consumes = {YAML, "application/x-yaml", MediaType.TEXT_PLAIN_VALUE})
  @Operation(
      summary = "Check and estimate a sweep definition (YAML) without launching it",
      description =
          "400 names the line, the key and what is allowed, or the cell and field a cell breaks;"
              + " the plan says whether the whole estimate fits the session's budget.")
  SweepPlan plan(@RequestBody String yaml) {
    return sweeps.plan(yaml);
  }

  @PostMapping(
      value = "/sweeps",
      consumes = {YAML, "application/x-yaml", MediaType.TEXT_PLAIN_VALUE})
  @Operation(
      summary = "Launch a sweep from its YAML definition",
      description =
          "202 with the sweep; its cells become runs of its experiment as the session has room. A"
              + " sweep whose estimate does not fit the budget is refused with the limit and the"
              + " figures, and nothing is queued.")
  ResponseEntity<Sweep> launch(@RequestBody String yaml) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(sweeps.launch(yaml));
  }

  @GetMapping("/sweeps/{id}")
  @Operation(summary = "A sweep with every cell's run as it stands")
  SweepGrid sweep(@PathVariable long id) {
    return sweeps.grid(id);
  }

  @GetMapping("/sweeps/{id}/grid.png")
  @Operation(
      summary = "The sweep's grid as one PNG with its axes labelled",
      description =
          "cell: pixels per cell side, 8 to 4096 (default 256). Written one row of cells at a"
              + " time, so any size works.")
  ResponseEntity<StreamingResponseBody> grid(
      @PathVariable long id, @RequestParam(defaultValue = "256") int cell) {
    gridImages.check(id, cell);
    StreamingResponseBody body = out -> gridImages.write(id, cell, out);
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(SweepGridImages.fileName(id))
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(body);
  }

  @PostMapping("/sweeps/{id}/cancel")
  @Operation(summary = "Stop a sweep: no more cells are queued, queued and running ones cancel")
  Sweep cancel(@PathVariable long id) {
    return sweeps.cancel(id);
  }

  @GetMapping("/experiments/{id}/sweeps")
  @Operation(summary = "An experiment's sweeps, newest first")
  List<Sweep> ofExperiment(@PathVariable long id) {
    return sweeps.ofExperiment(id);
  }
}
