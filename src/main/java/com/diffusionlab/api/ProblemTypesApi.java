package com.diffusionlab.api;

import com.diffusionlab.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The problem types' URIs resolve: each describes its kind of error (no sign-in). */
@RestController
@Tag(name = "Diffusion Lab")
class ProblemTypesApi {

  /** A kind of error the API answers with. */
  record Description(String type, String title, int status, String description) {}

  @GetMapping(ProblemType.BASE + "{kind}")
  @Operation(summary = "What a problem type means")
  Description describe(@PathVariable String kind) {
    ProblemType type =
        ProblemType.bySlug(kind)
            .orElseThrow(() -> new NotFoundException("there is no problem type " + kind));
    return new Description(type.uri().toString(), type.title(), type.status(), type.description());
  }
}
