package com.diffusionlab.engine.loading;

import com.diffusionlab.engine.ModelFormatException;
import com.diffusionlab.engine.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version of a model is the SHA-256 of its content. A single file hashes to the SHA-256 of its
 * bytes, the figure AUTOMATIC1111 shows (its "Model hash" is the first 10 hex digits), so PNGs made
 * there can name the same model. A folder hashes the list of its files' relative paths and
 * SHA-256s. File digests are remembered by path, size and modification time; {@link #hashNow} reads
 * the bytes again whatever they say, for when the answer must name the bytes read.
 */
public final class ContentHasher {

  private record FileKey(Path path, long size, long modified) {}

  private final Map<FileKey, String> fileDigests = new ConcurrentHashMap<>();

  /** The first 10 hex digits, as AUTOMATIC1111 abbreviates a model hash. */
  public static String shortHash(String sha256) {
    return sha256.substring(0, 10);
  }

  /**
   * @param files the files that make up the model by stable names, in a stable order; a single file
   *     hashes to its own SHA-256
   */
  public String hash(SequencedMap<String, Path> files) {
    return hash(files, false);
  }

  /**
   * {@link #hash} from the bytes on disk now, not from remembered digests: a file rewritten with
   * its old size and modification time still hashes to what it holds. What it reads is remembered.
   */
  public String hashNow(SequencedMap<String, Path> files) {
    return hash(files, true);
  }

  private String hash(SequencedMap<String, Path> files, boolean fresh) {
    if (files.size() == 1) {
      return fileDigest(files.firstEntry().getValue(), fresh);
    }
    MessageDigest digest = Sha256.digest();
    files.forEach(
        (name, file) ->
            digest.update(
                (name + " " + fileDigest(file, fresh) + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(digest.digest());
  }

  private String fileDigest(Path file, boolean fresh) {
    FileKey key = keyOf(file);
    if (fresh) {
      String digest = digestOf(file);
      fileDigests.put(key, digest);
      return digest;
    }
    return fileDigests.computeIfAbsent(key, ignored -> digestOf(file));
  }

  private static FileKey keyOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileKey(
          file.toAbsolutePath().normalize(),
          attributes.size(),
          attributes.lastModifiedTime().toMillis());
    } catch (IOException e) {
      throw new ModelFormatException(file, "unreadable: " + e.getMessage(), e);
    }
  }

  private static String digestOf(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Sha256.of(in);
    } catch (IOException e) {
      throw new ModelFormatException(file, "unreadable: " + e.getMessage(), e);
    }
  }
}
