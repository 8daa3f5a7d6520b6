package com.diffusionlab.api;

import com.diffusionlab.governance.GoldenComparison;
import com.diffusionlab.governance.ModelApproval;
import com.diffusionlab.governance.ModelApprovalService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model governance: administrators approve and retire model versions, each move with its reason;
 * everyone reads a version's history and its golden-prompt grids. {@code GET /models} (the list,
 * with each version's approval) is in {@link WorkspaceApi}.
 */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class ModelsApi {

  /** Why: kept in the version's history and the audit log. */
  record Reason(String reason) {}

  private final ModelApprovalService approvals;

  ModelsApi(ModelApprovalService approvals) {
    this.approvals = approvals;
  }

  @PostMapping("/{id}/approve")
  @Operation(
      summary = "Approve a draft model version (administrators)",
      description =
          "Every session may run it from then on. Runs the golden-prompt sweep on it (its id in"
              + " goldenSweepId); a sweep that cannot be launched leaves the version a draft.")
  ModelApproval approve(@PathVariable long id, @RequestBody Reason body) {
    return approvals.approve(id, body.reason());
  }

  @PostMapping("/{id}/retire")
  @Operation(
      summary = "Retire an approved model version, or reject a draft (administrators)",
      description =
          "No new generation runs it; replays of its runs run only in sandbox sessions (drafts"
              + " allowed). Final.")
  ModelApproval retire(@PathVariable long id, @RequestBody Reason body) {
    return approvals.retire(id, body.reason());
  }

  @GetMapping("/{id}/history")
  @Operation(summary = "A model version's approval history, the newest move first")
  List<ModelApproval> history(@PathVariable long id) {
    return approvals.history(id);
  }

  @GetMapping("/{id}/golden")
  @Operation(
      summary =
          "A model version's golden-prompt sweep beside that of the version of its name approved"
              + " before it")
  GoldenComparison golden(@PathVariable long id) {
    return approvals.golden(id);
  }
}
