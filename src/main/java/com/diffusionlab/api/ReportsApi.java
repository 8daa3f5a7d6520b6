package com.diffusionlab.api;

import com.diffusionlab.compare.CompareService;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.reports.BundleImportService;
import com.diffusionlab.reports.ExportFormat;
import com.diffusionlab.reports.ExportProgress;
import com.diffusionlab.reports.ExportService;
import com.diffusionlab.reports.ImportResult;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.RunSelection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Exports (HTML, Arrow, CSV, ZIP bundle) streamed as they are written, and bundle imports. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reports")
class ReportsApi {

  /** The header that tells a client how many runs the export holds, before the body arrives. */
  static final String RUN_COUNT = "X-Export-Runs";

  private final ExportService exports;
  private final BundleImportService imports;
  private final ExperimentService experiments;

  ReportsApi(ExportService exports, BundleImportService imports, ExperimentService experiments) {
    this.exports = exports;
    this.imports = imports;
    this.experiments = experiments;
  }

  @GetMapping("/exports")
  @Operation(
      summary = "Export an experiment, a query's runs or picked runs",
      description =
          "Exactly one of experiment (id or name), query or runs (ids separated by commas);"
              + " format html, arrow, csv or zip. Streamed: the body is written as the runs are"
              + " read. The X-Export-Runs header gives the number of runs.")
  ResponseEntity<StreamingResponseBody> export(
      @RequestParam String format,
      @RequestParam(required = false) String experiment,
      @RequestParam(required = false) String query,
      @RequestParam(required = false) String runs) {
    ExportFormat chosen = ExportFormat.parse(format);
    RunSelection selection = selection(experiment, query, runs);
    long count = exports.check(selection, chosen);
    StreamingResponseBody body = out -> exports.export(selection, chosen, out, ExportProgress.NONE);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(chosen.mediaType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(ExportService.fileName(selection, chosen))
                .build()
                .toString())
        .header(RUN_COUNT, Long.toString(count))
        .header("X-Content-Type-Options", "nosniff")
        .body(body);
  }

  @PostMapping(value = "/bundles", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Import a ZIP bundle exported by a Diffusion Lab workspace",
      description =
          "The whole archive is verified first (names, links, sizes, compression ratio, every"
              + " hash against the manifest); a hostile or inconsistent bundle is refused with 400"
              + " and nothing is written. Runs join new experiments of yours, in sessionId or your"
              + " default session.")
  ResponseEntity<ImportResult> importBundle(
      @RequestParam("file") MultipartFile file, @RequestParam(required = false) Long sessionId)
      throws IOException {
    Path spooled = Files.createTempFile("dlab-bundle-", ".zip");
    try {
      file.transferTo(spooled);
      return ResponseEntity.status(HttpStatus.CREATED)
          .body(imports.importBundle(spooled, sessionId));
    } finally {
      Files.deleteIfExists(spooled);
    }
  }

  private RunSelection selection(String experiment, String query, String runs) {
    long given = Stream.of(experiment, query, runs).filter(v -> v != null).count();
    if (given != 1) {
      throw new InvalidRequestException(
          "selection", given + " of experiment, query, runs", "exactly one of them");
    }
    if (experiment != null) {
      return RunSelection.experiment(experiments.resolve(experiment).id());
    }
    if (runs != null) {
      return RunSelection.runs(CompareService.parseIds(runs));
    }
    return RunSelection.matching(query);
  }
}
