package com.diffusionlab.api;

import com.diffusionlab.Readiness;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether the workspace accepts work: for clients, load balancers and readiness probes. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Diffusion Lab")
class ReadinessApi {

  static final String PATH = "/api/v1/ready";

  /** The answer while the workspace accepts work. */
  record Ready(boolean ready) {}

  private final Readiness readiness;

  ReadinessApi(Readiness readiness) {
    this.readiness = readiness;
  }

  @GetMapping("/ready")
  @Operation(
      summary = "Whether the workspace accepts work (no sign-in)",
      description =
          "200 {\"ready\":true} once the model registry is loaded and runs and sweeps are resumed;"
              + " until then, and while it shuts down, 503 problem JSON with Retry-After.")
  Ready ready() {
    readiness.require();
    return new Ready(true);
  }
}
