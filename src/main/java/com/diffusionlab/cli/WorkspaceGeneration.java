package com.diffusionlab.cli;

import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.tracking.GenerationSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlab generate --server}: the generation runs on a workspace as a tracked run of one of the
 * user's experiments, under the session's quota, and its images are downloaded as the local command
 * would have written them.
 */
final class WorkspaceGeneration {
  private final ServerClient client;
  private final PrintWriter err;

  WorkspaceGeneration(ServerClient client, PrintWriter err) {
    this.client = client;
    this.err = err;
  }

  /**
   * @param deviceClass the device class of the worker that may run it; null for any device
   * @param init an init image to upload first, or null
   * @param mask an inpainting mask to upload first, or null
   * @return the summary the command prints
   */
  Map<String, Object> generate(
      GenerationSettings settings,
      Long sessionId,
      String experiment,
      String deviceClass,
      Path init,
      Path mask,
      Path out)
      throws IOException, InterruptedException {
    GenerationSettings uploaded =
        settings.with("initImage", upload(init)).with("maskImage", upload(mask));
    JsonNode queued =
        client.postJson(
            "/generations", new GenerationSubmission(sessionId, experiment, deviceClass, uploaded));
    long id = queued.get("id").asLong();
    err.println("run " + id + " in experiment " + names(queued.get("experiments")) + " …");
    JsonNode run = client.awaitRun(id, err);
    List<String> written = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    JsonNode outputs = run.get("outputs");
    for (JsonNode output : outputs) {
      Path file = GenerateCommand.outputFile(out, output.get("index").asInt(), outputs.size());
      String sha = output.get("sha256").asString();
      try (OutputStream stream = Files.newOutputStream(file)) {
        client.download("/artifacts/" + sha, stream, ServerClient.Progress.NONE);
      }
      written.add(file.toString());
      seeds.add(output.get("seed").asLong());
      hashes.add(sha);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("id", id);
    summary.put("status", run.get("status").asString());
    summary.put("experiments", names(run.get("experiments")));
    summary.put("sessionId", run.get("sessionId").asLong());
    summary.put("files", written);
    summary.put("seeds", seeds);
    summary.put("sha256", hashes);
    summary.put("timings", run.get("timings"));
    summary.put("deviceSeconds", run.get("deviceSeconds"));
    summary.put("cost", run.get("cost"));
    summary.put("error", run.get("error"));
    return summary;
  }

  private String upload(Path image) throws IOException, InterruptedException {
    return image == null ? null : client.upload("/artifacts", image).get("sha256").asString();
  }

  private static String names(JsonNode experiments) {
    List<String> names = new ArrayList<>();
    experiments.forEach(experiment -> names.add(experiment.get("name").asString()));
    return String.join(", ", names);
  }
}
