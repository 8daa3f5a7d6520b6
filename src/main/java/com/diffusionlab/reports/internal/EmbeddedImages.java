package com.diffusionlab.reports.internal;

import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report's images, carried in the file as {@code data:} URLs so that it needs nothing else.
 * Thumbnails are drawn at once; a full-size image waits inert in a {@code <template>} beside its
 * thumbnail until the report's script shows it, so that a report of thousands of images opens as
 * fast as one of thumbnails.
 */
final class EmbeddedImages {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final Function<String, Optional<byte[]>> store;

  /**
   * @param store a stored PNG's bytes by artifact hash
   */
  EmbeddedImages(Function<String, Optional<byte[]>> store) {
    this.store = store;
  }

  /**
   * The stored PNG as a data URL; empty for a null hash, a missing artifact, or bytes that are not
   * a PNG (they would otherwise be embedded under a PNG's media type).
   */
  Optional<String> dataUrl(String hash) {
    if (hash == null) {
      return Optional.empty();
    }
    return store
        .apply(hash)
        .filter(EmbeddedImages::isPng)
        .map(bytes -> "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes));
  }

  /** A run's images as zoomable thumbnails, or a note that it has none. */
  void writeOutputs(Writer out, Run run) throws IOException {
    out.write("<div class=\"thumbs\">");
    boolean any = false;
    for (RunOutput output : run.outputs()) {
      String description =
          "Run " + run.id() + ", image " + (output.index() + 1) + ", seed " + output.seed();
      any |= writeZoomable(out, output.thumbnail(), output.sha256(), description);
    }
    out.write(any ? "</div>" : "<span class=\"noimage\">no image</span></div>");
  }

  /**
   * A thumbnail that shows its full-size image when clicked; the full image stands in for a missing
   * thumbnail, and without a full image the thumbnail is not clickable.
   *
   * @param description what the image is, e.g. "Run 12, image 1, seed 1234" (the alt text)
   * @return whether there was an image to show
   */
  private boolean writeZoomable(Writer out, String thumbnail, String fullSize, String description)
      throws IOException {
    Optional<String> full = dataUrl(fullSize);
    Optional<String> small = thumbnail == null ? full : dataUrl(thumbnail).or(() -> full);
    if (small.isEmpty()) {
      return false;
    }
    String alt = Html.escape(description);
    if (full.isEmpty()) {
      writeImage(out, "thumb", small.get(), alt);
      return true;
    }
    out.write("<button type=\"button\" class=\"zoom\" title=\"Show full size\">");
    writeImage(out, "thumb", small.get(), alt);
    out.write("</button><template>");
    writeImage(out, "full", full.get(), alt);
    out.write("</template>");
    return true;
  }

  /** A thumbnail alone; false, writing nothing, when there is none. */
  boolean writeThumbnail(Writer out, String thumbnail, String description) throws IOException {
    Optional<String> small = dataUrl(thumbnail);
    if (small.isEmpty()) {
      return false;
    }
    writeImage(out, "thumb", small.get(), Html.escape(description));
    return true;
  }

  private static void writeImage(Writer out, String cssClass, String dataUrl, String escapedAlt)
      throws IOException {
    out.write("<img class=\"");
    out.write(cssClass);
    out.write("\" src=\"");
    out.write(dataUrl);
    out.write("\" alt=\"");
    out.write(escapedAlt);
    out.write("\"/>");
  }

  private static boolean isPng(byte[] bytes) {
    return bytes.length > PNG_SIGNATURE.length
        && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
  }
}
