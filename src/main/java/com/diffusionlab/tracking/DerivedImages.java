package com.diffusionlab.tracking;

import java.util.List;

/**
 * Images made from other images, such as the heatmap of two compared images: one may read such an
 * image when one may read every image it was made from ({@link ArtifactAccess}). Modules that make
 * them implement this; tracking cannot depend on them.
 */
public interface DerivedImages {

  /**
   * @return for each way the image was made, the images it was made from; empty when it was not
   *     made here
   */
  List<List<String>> sourcesOf(String sha256);
}
