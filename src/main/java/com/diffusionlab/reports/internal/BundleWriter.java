package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.Experiment;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a bundle as a stream: the Arrow file, then every image once (outputs, init images and
 * masks, named by their hash), then {@code manifest.json} with the runs and the hash of every file.
 * The runs are streamed three times rather than held.
 */
public final class BundleWriter {

  private final JsonMapper json;
  private final int maxImages;

  /**
   * @param maxImages the most images one bundle holds; the writer keeps each one's path and hash
   *     until the manifest is written
   */
  public BundleWriter(JsonMapper json, int maxImages) {
    this.json = json;
    this.maxImages = maxImages;
  }

  public int maxImages() {
    return maxImages;
  }

  /**
   * @param runs the selection's runs; called once per pass
   * @param images a stored PNG by hash
   * @param arrow writes the Arrow file of the runs to the stream it is given
   */
  public void write(
      OutputStream out,
      Supplier<Stream<Run>> runs,
      List<Experiment> experiments,
      Function<String, Optional<byte[]>> images,
      ArrowPart arrow,
      ExportMetadata header)
      throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      files.put(BundleManifest.ARROW, entry(zip, BundleManifest.ARROW, arrow::writeTo));
      try (Stream<Run> stream = runs.get()) {
        for (Run run : (Iterable<Run>) stream::iterator) {
          for (String sha : imagesOf(run)) {
            String path = BundleManifest.imagePath(sha);
            if (!files.containsKey(path)) {
              if (files.size() > maxImages) {
                throw new BundleTooLargeException(maxImages);
              }
              byte[] bytes =
                  images
                      .apply(sha)
                      .orElseThrow(() -> new IOException("stored image " + sha + " is missing"));
              files.put(path, entry(zip, path, stream2 -> stream2.write(bytes)));
            }
          }
        }
      }
      zip.putNextEntry(new ZipEntry(BundleManifest.MANIFEST));
      try (JsonGenerator generator = json.createGenerator(new Unclosed(zip))) {
        generator.writeStartObject();
        generator.writeStringProperty("format", BundleManifest.FORMAT);
        generator.writeNumberProperty("version", BundleManifest.VERSION);
        generator.writeStringProperty("engineVersion", header.engineVersion());
        generator.writeStringProperty("exportedAt", header.exportedAt().toString());
        generator.writeStringProperty("selection", header.selection());
        generator.writeName("experiments");
        json.writeValue(generator, experiments);
        generator.writeName("runs");
        generator.writeStartArray();
        try (Stream<Run> stream = runs.get()) {
          stream.forEach(run -> json.writeValue(generator, run));
        }
        generator.writeEndArray();
        generator.writeName("files");
        json.writeValue(generator, files);
        generator.writeEndObject();
      }
      zip.closeEntry();
    }
  }

  /** The images a run's record points at: outputs, and the init image and mask of img2img. */
  static List<String> imagesOf(Run run) {
    Stream<String> outputs = run.outputs().stream().map(RunOutput::sha256);
    Stream<String> sources =
        Stream.of(run.settings().initImage(), run.settings().maskImage())
            .filter(java.util.Objects::nonNull);
    return Stream.concat(outputs, sources).toList();
  }

  /** Writes one part of the bundle. */
  @FunctionalInterface
  public interface ArrowPart {
    void writeTo(OutputStream out) throws IOException;
  }

  @FunctionalInterface
  private interface Part {
    void writeTo(OutputStream out) throws IOException;
  }

  private static String entry(ZipOutputStream zip, String path, Part part) throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    MessageDigest digest = sha256();
    try (OutputStream out = new DigestOutputStream(new Unclosed(zip), digest)) {
      part.writeTo(out);
    }
    zip.closeEntry();
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets a writer that closes its stream write one ZIP entry without closing the archive. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
