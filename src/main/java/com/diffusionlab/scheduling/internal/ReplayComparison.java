package com.diffusionlab.scheduling.internal;

import com.diffusionlab.artifacts.ArtifactStore;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.scheduling.DeviceClasses;
import com.diffusionlab.scheduling.internal.queue.JobQueue.JobNeeds;
import com.diffusionlab.tracking.Reproduction;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunCompletion;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Tells whether a replay reproduced its original: equal pixel hashes for every image, or else how
 * far apart they are and the likely cause (another device class, engine version or precision).
 */
@Component
public class ReplayComparison {
  private final RunService runs;
  private final ArtifactStore artifacts;
  private final ImageFiles images = new ImageFiles(4096L * 4096);

  ReplayComparison(RunService runs, ArtifactStore artifacts) {
    this.runs = runs;
    this.artifacts = artifacts;
  }

  /**
   * What the job of a run asks of the worker that runs it: its model, and for a replay the device
   * class its original ran on. A replay on another class differs for that alone (the verdict names
   * it as the likely cause: {@link #likelyCause}), while precision follows from the class and the
   * engine version and model are the worker's and the run's; so a replay waits for a worker of its
   * original's class. An original that recorded no class (it never ran, or was imported without
   * one) leaves the replay to any device.
   *
   * @param parentId the run replayed, or null for a run that is no replay
   */
  public JobNeeds jobNeeds(Long parentId, String modelHash) {
    return new JobNeeds(parentId == null ? null : originalDeviceClass(parentId), modelHash);
  }

  /** The device class a replay of {@code parentId} asks for; null for any device. */
  public String originalDeviceClass(long parentId) {
    return runs.find(parentId).map(Run::device).filter(DeviceClasses::known).orElse(null);
  }

  /**
   * @param originalId the run replayed
   * @param completion what the replay produced, before it is recorded
   * @param modelHash the model the replay ran
   */
  public Reproduction compare(long originalId, RunCompletion completion, String modelHash) {
    Run original = runs.find(originalId).orElseThrow();
    List<RunOutput> before = original.outputs();
    List<RunOutput> after = completion.outputs();
    boolean equal =
        before.size() == after.size()
            && before.stream()
                .map(RunOutput::pixelSha256)
                .toList()
                .equals(after.stream().map(RunOutput::pixelSha256).toList());
    if (equal) {
      return new Reproduction(true, "every image's pixels are identical (SHA-256)");
    }
    return new Reproduction(
        false, difference(before, after) + "; " + likelyCause(original, completion, modelHash));
  }

  private String difference(List<RunOutput> before, List<RunOutput> after) {
    if (before.size() != after.size()) {
      return before.size() + " images before, " + after.size() + " now";
    }
    int max = 0;
    double sum = 0;
    long count = 0;
    for (int i = 0; i < before.size(); i++) {
      RgbImage a = decode(before.get(i).sha256());
      RgbImage b = decode(after.get(i).sha256());
      if (a == null || b == null || a.width() != b.width() || a.height() != b.height()) {
        return "images differ in size or are missing";
      }
      for (int k = 0; k < a.rgb().length; k++) {
        int d = Math.abs((a.rgb()[k] & 0xff) - (b.rgb()[k] & 0xff));
        max = Math.max(max, d);
        sum += d;
        count++;
      }
    }
    return String.format(
        Locale.ROOT, "pixels differ by at most %d/255, %.3f on average", max, sum / count);
  }

  private RgbImage decode(String sha256) {
    return artifacts
        .read(sha256)
        .map(
            bytes -> {
              try {
                return images.readRgb(new ByteArrayInputStream(bytes));
              } catch (IOException e) {
                return null;
              }
            })
        .orElse(null);
  }

  private static String likelyCause(Run original, RunCompletion replay, String modelHash) {
    List<String> causes = new ArrayList<>();
    if (!Objects.equals(original.device(), replay.device())) {
      causes.add("other device class (" + original.device() + " → " + replay.device() + ")");
    }
    if (!Objects.equals(original.precision(), replay.precision())) {
      causes.add("other precision (" + original.precision() + " → " + replay.precision() + ")");
    }
    if (!Objects.equals(original.engineVersion(), replay.engineVersion())) {
      causes.add(
          "other engine version ("
              + original.engineVersion()
              + " → "
              + replay.engineVersion()
              + ")");
    }
    if (!Objects.equals(original.settings().model(), modelHash)) {
      causes.add("other model file");
    }
    return causes.isEmpty()
        ? "likely cause: none recorded (same device class, precision, engine and model): CPU kernels chosen at run time"
        : "likely cause: " + String.join(", ", causes);
  }
}
