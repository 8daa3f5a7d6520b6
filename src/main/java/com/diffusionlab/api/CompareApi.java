package com.diffusionlab.api;

import com.diffusionlab.compare.CompareService;
import com.diffusionlab.compare.Comparison;
import com.diffusionlab.compare.ImageComparison;
import com.diffusionlab.compare.ImageDifferences;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs and images compared: the same figures the compare view shows. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Compare")
class CompareApi {

  private final CompareService compare;
  private final ImageDifferences images;

  CompareApi(CompareService compare, ImageDifferences images) {
    this.compare = compare;
    this.images = images;
  }

  @GetMapping("/comparisons")
  @Operation(
      summary = "Compare 2 to 8 runs",
      description =
          "runs=12,15,40: every setting with the differing ones marked, prompts diffed word by"
              + " word, timings and resources, images paired by seed")
  Comparison compare(@RequestParam String runs) {
    return compare.compare(CompareService.parseIds(runs));
  }

  @GetMapping("/image-differences")
  @Operation(
      summary = "Difference figures of two stored images",
      description =
          "a and b are artifact hashes: identical bytes and pixels, max and mean absolute"
              + " difference, PSNR, SSIM, and the hash of a difference heatmap PNG. Computed once"
              + " and kept.")
  ImageComparison difference(@RequestParam String a, @RequestParam String b) {
    return images.compare(a, b);
  }
}
