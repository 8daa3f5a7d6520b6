package com.diffusionlab.reports.internal;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.engine.Sha256;
import com.diffusionlab.engine.image.ImageFiles;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.Tags;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and verifies a bundle before anything of it is written: the archive passes {@link
 * SafeZipFile}'s rules, the manifest is well formed, its files are exactly the archive's, every
 * file's SHA-256 matches, every image is a PNG named by its own hash, and every run's outputs are
 * images of the bundle whose pixels hash to what the run recorded. Any failure refuses the whole
 * bundle with a message naming what is wrong.
 */
public final class BundleReader {

  private static final long MAX_MANIFEST_BYTES = 512L << 20;
  private static final Pattern IMAGE = Pattern.compile("images/([0-9a-f]{64})\\.png");

  private final JsonMapper json;
  private final ZipLimits limits;
  private final ImageFiles images = new ImageFiles(4096L * 4096);

  public BundleReader(JsonMapper json, ZipLimits limits) {
    this.json = json;
    this.limits = limits;
  }

  /** What was checked of an image: its size and the hash of its pixels. */
  public record ImageFacts(int width, int height, String pixelSha256) {}

  /** Takes the images of a bundle once all of it is verified. */
  @FunctionalInterface
  public interface ImageSink {
    void accept(String sha256, byte[] png, ImageFacts facts) throws IOException;
  }

  /**
   * Verifies the whole bundle, then hands each image to {@code images} (read again and checked
   * against its hash), and returns the manifest. Nothing reaches {@code images} unless every check
   * passed; decoded pixels are not held, so memory stays at one image however large the bundle.
   *
   * @throws HostileArchiveException for an archive that breaks a ZIP rule
   * @throws InvalidRequestException naming the file, run or field that does not match
   */
  public BundleManifest read(Path file, ImageSink images) throws IOException {
    try (SafeZipFile zip = SafeZipFile.open(file, limits)) {
      Map<String, SafeZipEntry> entries = new LinkedHashMap<>();
      zip.entries().stream().filter(e -> !e.isFolder()).forEach(e -> entries.put(e.name(), e));
      BundleManifest manifest = manifest(zip, entries.get(BundleManifest.MANIFEST));
      checkAnnotations(manifest);
      Set<String> listed = new HashSet<>(manifest.files().keySet());
      Set<String> present = new HashSet<>(entries.keySet());
      present.remove(BundleManifest.MANIFEST);
      for (String name : present) {
        if (!listed.contains(name)) {
          throw mismatch(name, "a file the manifest lists");
        }
      }
      for (String name : listed) {
        if (!present.contains(name)) {
          throw mismatch(name, "present in the archive, as the manifest lists it");
        }
      }
      Map<String, ImageFacts> verified = new HashMap<>();
      for (Map.Entry<String, String> listedFile : manifest.files().entrySet()) {
        String name = listedFile.getKey();
        SafeZipEntry entry = entries.get(name);
        if (name.equals(BundleManifest.ARROW)) {
          String actual = sha256(zip, entry);
          if (!actual.equals(listedFile.getValue())) {
            throw mismatch(name, "SHA-256 " + listedFile.getValue() + " as the manifest says");
          }
          continue;
        }
        var image = IMAGE.matcher(name);
        if (!image.matches()) {
          throw mismatch(name, BundleManifest.ARROW + " or images/<sha256>.png");
        }
        byte[] bytes = zip.readAllBytes(entry);
        String actual = Sha256.of(bytes);
        if (!actual.equals(image.group(1)) || !actual.equals(listedFile.getValue())) {
          throw mismatch(name, "bytes whose SHA-256 is the name and the manifest's hash");
        }
        RgbImage pixels = decode(name, bytes);
        verified.put(
            actual, new ImageFacts(pixels.width(), pixels.height(), Sha256.of(pixels.rgb())));
      }
      for (Run run : manifest.runs()) {
        checkRun(run, verified);
      }
      for (Map.Entry<String, ImageFacts> image : verified.entrySet()) {
        byte[] bytes = zip.readAllBytes(entries.get(BundleManifest.imagePath(image.getKey())));
        if (!Sha256.of(bytes).equals(image.getKey())) {
          throw mismatch(BundleManifest.imagePath(image.getKey()), "the bytes it had when checked");
        }
        images.accept(image.getKey(), bytes, image.getValue());
      }
      return manifest;
    }
  }

  private BundleManifest manifest(SafeZipFile zip, SafeZipEntry entry) throws IOException {
    if (entry == null) {
      throw mismatch(BundleManifest.MANIFEST, "present: a bundle made by Diffusion Lab has one");
    }
    if (entry.size() > MAX_MANIFEST_BYTES) {
      throw mismatch(BundleManifest.MANIFEST, "at most " + MAX_MANIFEST_BYTES + " bytes");
    }
    BundleManifest manifest;
    try (InputStream in = zip.newInputStream(entry)) {
      manifest = json.readValue(in, BundleManifest.class);
    } catch (JacksonException e) {
      throw mismatch(
          BundleManifest.MANIFEST,
          "the JSON a Diffusion Lab export writes (" + e.getOriginalMessage() + ")");
    }
    if (!BundleManifest.FORMAT.equals(manifest.format())
        || manifest.version() != BundleManifest.VERSION
        || manifest.runs() == null
        || manifest.files() == null
        || manifest.experiments() == null) {
      throw mismatch(
          BundleManifest.MANIFEST,
          "format "
              + BundleManifest.FORMAT
              + " version "
              + BundleManifest.VERSION
              + " with experiments, runs and files");
    }
    return manifest;
  }

  private void checkRun(Run run, Map<String, ImageFacts> verified) {
    if (run.settings() == null || run.status() == null || run.createdAt() == null) {
      throw new InvalidRequestException(
          "manifest.runs", run.id(), "runs with settings, status and creation time");
    }
    for (RunOutput output : run.outputs()) {
      ImageFacts image = verified.get(output.sha256());
      if (image == null) {
        throw new InvalidRequestException(
            "manifest.runs[" + run.id() + "].outputs", output.sha256(), "an image of the bundle");
      }
      if (!image.pixelSha256().equals(output.pixelSha256())) {
        throw new InvalidRequestException(
            "manifest.runs[" + run.id() + "].outputs",
            output.sha256(),
            "an image whose pixels hash to the recorded " + output.pixelSha256());
      }
    }
    for (String source :
        java.util.stream.Stream.of(run.settings().initImage(), run.settings().maskImage())
            .filter(Objects::nonNull)
            .toList()) {
      if (!verified.containsKey(source)) {
        throw new InvalidRequestException(
            "manifest.runs[" + run.id() + "].settings", source, "an image of the bundle");
      }
    }
  }

  /**
   * The experiments' tags and descriptions and the runs' tags and notes under the rules of this
   * workspace, checked before any image is read: a bundle of 100,000 tags is refused as cheaply as
   * possible.
   */
  private static void checkAnnotations(BundleManifest manifest) {
    // null entries are refused with the rest of their checks, after the images
    for (Experiment experiment : manifest.experiments()) {
      if (experiment == null) {
        continue;
      }
      checkAnnotations(
          "manifest.experiments[" + experiment.id() + "]",
          () -> {
            Tags.check(experiment.tags(), ExperimentService.MAX_TAGS);
            ExperimentService.checkDescription(experiment.description());
          });
    }
    for (Run run : manifest.runs()) {
      if (run == null) {
        continue;
      }
      checkAnnotations(
          "manifest.runs[" + run.id() + "]",
          () -> {
            Tags.check(run.tags(), RunService.MAX_TAGS);
            RunService.checkNotes(run.notes());
          });
    }
  }

  /** A check's errors with their fields named by where they are in the manifest. */
  private static void checkAnnotations(String where, Runnable check) {
    try {
      check.run();
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(
          e.errors().stream()
              .map(
                  error ->
                      new FieldError(where + "." + error.field(), error.value(), error.allowed()))
              .toList());
    }
  }

  private RgbImage decode(String name, byte[] bytes) {
    try {
      return images.readRgb(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw mismatch(name, "a readable PNG (" + e.getMessage() + ")");
    }
  }

  private static String sha256(SafeZipFile zip, SafeZipEntry entry) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = zip.newInputStream(entry)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static InvalidRequestException mismatch(String file, String allowed) {
    return new InvalidRequestException("bundle file '" + file + "'", "as found", allowed);
  }
}
