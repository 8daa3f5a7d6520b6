package com.diffusionlab.api;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.sessions.SessionUsage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Playground sessions: everyone reads those they can see with their limits and usage;
 * administrators create them, change their limits, priority and models, and close or reopen them.
 */
@RestController
@RequestMapping("/api/v1/sessions")
@Tag(name = "Sessions")
class SessionsApi {

  /**
   * A session's settings; absent fields stay as they are (a change) or take the defaults (a new
   * session: private, priority 1, the configured default quota, every approved model).
   *
   * @param owner a new session's owner by username (default: you)
   * @param allowedModels model names or content hashes; empty for all approved models
   * @param draftsAllowed a sandbox that runs draft model versions too (and replays runs of retired
   *     ones)
   */
  record SessionBody(
      String name,
      String owner,
      Boolean shared,
      Integer priority,
      Double budgetDeviceSeconds,
      Integer maxConcurrentJobs,
      Integer maxPixels,
      Integer maxSteps,
      Integer maxBatch,
      List<String> allowedModels,
      Boolean draftsAllowed) {

    SessionChanges changes(ModelRegistry models) {
      return new SessionChanges(
          name,
          shared,
          priority,
          budgetDeviceSeconds,
          maxConcurrentJobs,
          maxPixels,
          maxSteps,
          maxBatch,
          allowedModels == null ? null : models.contentHashes(allowedModels),
          draftsAllowed);
    }
  }

  private final SessionService sessions;
  private final IdentityService identity;
  private final ModelRegistry models;

  SessionsApi(SessionService sessions, IdentityService identity, ModelRegistry models) {
    this.sessions = sessions;
    this.identity = identity;
    this.models = models;
  }

  @GetMapping
  @Operation(summary = "Playground sessions the caller can see, with their limits")
  List<PlaygroundSession> list() {
    return sessions.visibleTo(identity.current());
  }

  @GetMapping("/{id}")
  @Operation(summary = "A session the caller can see")
  PlaygroundSession session(@PathVariable long id) {
    return visible(id);
  }

  @GetMapping("/{id}/usage")
  @Operation(
      summary = "What a session has used and reserved of its budget",
      description =
          "usedDeviceSeconds: ended jobs; reservedDeviceSeconds: the estimates of queued and"
              + " running jobs, settled to what they use when they end; activeJobs: queued or"
              + " running.")
  SessionUsage usage(@PathVariable long id) {
    return sessions.usage(visible(id).id());
  }

  @PostMapping
  @Operation(
      summary = "Create a session (administrators)",
      description = "201 with the session; 400 names each bad field.")
  ResponseEntity<PlaygroundSession> create(@RequestBody SessionBody body) {
    PlaygroundSession created = sessions.create(body.owner(), body.changes(models));
    return ResponseEntity.created(URI.create("/api/v1/sessions/" + created.id())).body(created);
  }

  @PatchMapping("/{id}")
  @Operation(
      summary = "Change a session's name, visibility, priority, limits or models (administrators)",
      description = "Lower limits apply to jobs submitted from then on.")
  PlaygroundSession update(@PathVariable long id, @RequestBody SessionBody body) {
    if (body.owner() != null) {
      throw new InvalidRequestException("owner", body.owner(), "absent: a session keeps its owner");
    }
    return sessions.update(id, body.changes(models));
  }

  @PostMapping("/{id}/close")
  @Operation(
      summary = "Close a session (administrators)",
      description = "It admits no new jobs; its runs stay and its queued and running jobs finish.")
  PlaygroundSession close(@PathVariable long id) {
    return sessions.close(id);
  }

  @PostMapping("/{id}/reopen")
  @Operation(summary = "Open a closed session again (administrators)")
  PlaygroundSession reopen(@PathVariable long id) {
    return sessions.reopen(id);
  }

  /** A session the caller may see; otherwise, as for one that does not exist, 404. */
  private PlaygroundSession visible(long id) {
    return sessions.require(id, identity.current(), SessionAction.READ);
  }
}
