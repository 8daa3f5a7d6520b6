package com.diffusionlab.engine.weights;

import com.diffusionlab.engine.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The format of a weight file as its bytes tell, whatever its name: a {@code .safetensors}-named
 * pickle is a pickle and a {@code .ckpt}-named safetensors file is safetensors.
 */
public enum ModelFileFormat {
  /** An 8-byte little-endian header length, then a JSON header starting with '{'. */
  SAFETENSORS("safetensors file"),
  /** A zip archive holding a {@code data.pkl} entry: what {@code torch.save} writes since 1.6. */
  PYTORCH_ZIP("PyTorch checkpoint (a zip archive holding a data.pkl pickle)"),
  /** A bare pickle stream (protocol 2 or later): legacy {@code torch.save} files and the like. */
  PICKLE("pickle file"),
  /** Some other zip archive. */
  ZIP("zip archive that is not a PyTorch checkpoint (no data.pkl entry found)"),
  /** Anything else, including files too short to tell. */
  UNKNOWN("file of unknown format");

  private static final int PICKLE_PROTO = 0x80;
  private static final int HIGHEST_PICKLE_PROTOCOL = 5;
  private static final int SNIFF_BYTES = 9;

  private final String description;

  ModelFileFormat(String description) {
    this.description = description;
  }

  /** A short phrase for messages, e.g. "pickle file". */
  public String description() {
    return description;
  }

  /** Whether loading the file would unpickle it. */
  public boolean isPickle() {
    return this == PYTORCH_ZIP || this == PICKLE;
  }

  /**
   * Reads the first bytes of {@code file} (and a zip's central directory) to tell its format.
   *
   * @throws ModelFormatException if the file cannot be read
   */
  public static ModelFileFormat detect(Path file) {
    byte[] head;
    long size;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF_BYTES);
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file, "file not found", e);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot read: " + e.getMessage(), e);
    }
    if (looksLikeSafetensors(head, size)) {
      return SAFETENSORS;
    }
    if (isZipSignature(head)) {
      return hasDataPkl(file) ? PYTORCH_ZIP : ZIP;
    }
    if (head.length >= 2
        && (head[0] & 0xFF) == PICKLE_PROTO
        && head[1] >= 2
        && head[1] <= HIGHEST_PICKLE_PROTOCOL) {
      return PICKLE;
    }
    return UNKNOWN;
  }

  private static boolean looksLikeSafetensors(byte[] head, long size) {
    if (head.length < SNIFF_BYTES || head[SNIFF_BYTES - 1] != '{') {
      return false;
    }
    long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return headerLength >= 2 && headerLength <= size - 8;
  }

  private static boolean isZipSignature(byte[] head) {
    // local file header, empty archive, or spanned archive
    return head.length >= 4
        && head[0] == 'P'
        && head[1] == 'K'
        && ((head[2] == 3 && head[3] == 4)
            || (head[2] == 5 && head[3] == 6)
            || (head[2] == 7 && head[3] == 8));
  }

  private static boolean hasDataPkl(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.stream()
          .anyMatch(
              entry -> entry.getName().equals("data.pkl") || entry.getName().endsWith("/data.pkl"));
    } catch (ZipException e) {
      return false;
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot read zip directory: " + e.getMessage(), e);
    }
  }
}
