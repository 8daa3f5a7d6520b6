package com.diffusionlab.ui.components;

import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import java.util.Base64;
import java.util.List;

/** Step previews go to the browser inline: they are small and shown once. */
public final class PreviewImages {
  private static final PngWriter PNG = new PngWriter();

  private PreviewImages() {}

  public static String dataUrl(RgbImage image) {
    return "data:image/png;base64,"
        + Base64.getEncoder().encodeToString(PNG.encode(image, List.of()));
  }
}
