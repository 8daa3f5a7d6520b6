package com.diffusionlab.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A model examined without loading its weights: everything {@code dlab inspect} prints.
 *
 * @param predictionType {@code epsilon}, {@code v_prediction}, or {@code detected at load} for SD
 *     2.x single files without a config, which are probed as AUTOMATIC1111 does
 * @param tokenizer the tokenizer folder, or {@code bundled CLIP vocabulary}
 * @param defaultSize the image side the model was trained at, in pixels
 * @param recommended what the model card recommends generating with
 * @param cardWarnings recommendations of the card that were left out, and why
 */
public record ModelInspection(
    Path path,
    String format,
    String family,
    String predictionType,
    boolean inpainting,
    String contentHash,
    String tokenizer,
    int defaultSize,
    RecommendedSettings recommended,
    List<String> cardWarnings,
    List<Component> components) {

  public ModelInspection {
    cardWarnings = List.copyOf(cardWarnings);
    components = List.copyOf(components);
  }

  public String shortHash() {
    return contentHash.substring(0, 10);
  }

  /** True when every component has all its tensors in the right shapes. */
  public boolean loadable() {
    return components.stream().allMatch(c -> c.missing().isEmpty() && c.mismatched().isEmpty());
  }

  /** One network of the model and how its checkpoint tensors matched it. */
  public record Component(
      String name,
      long parameters,
      Set<String> dtypes,
      List<String> missing,
      List<String> unexpected,
      List<String> mismatched) {

    public Component {
      dtypes = Set.copyOf(dtypes);
      missing = List.copyOf(missing);
      unexpected = List.copyOf(unexpected);
      mismatched = List.copyOf(mismatched);
    }
  }
}
