package com.diffusionlab.api;

import com.diffusionlab.scheduling.EstimateAccuracy;
import com.diffusionlab.scheduling.EstimateAccuracyService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How right estimates have been (estimating a generation is {@code POST /api/v1/estimates}). */
@RestController
@RequestMapping("/api/v1/estimates")
@Tag(name = "Diffusion Lab")
class EstimatesApi {

  private final EstimateAccuracyService accuracy;

  EstimatesApi(EstimateAccuracyService accuracy) {
    this.accuracy = accuracy;
  }

  @GetMapping("/accuracy")
  @Operation(
      summary = "The estimator's error on recent runs, overall and per configuration",
      description =
          "Median absolute error of the estimated seconds against the actual ones, (estimate −"
              + " actual) / actual in percent, over the latest 100 runs and per configuration"
              + " (model version, device class, size, batch, sampler, guidance) over its latest"
              + " 20, with the median signed error and the share of runs within the band.")
  EstimateAccuracy accuracy() {
    return accuracy.accuracy();
  }
}
