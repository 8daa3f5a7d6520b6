package com.diffusionlab.engine.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * What {@link PngMetadataReader} takes from a PNG: the header and every text chunk in file order.
 *
 * @param colorType PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA
 */
public record PngMetadata(
    int width, int height, int bitDepth, int colorType, boolean interlaced, List<PngText> texts) {

  public PngMetadata {
    texts = List.copyOf(texts);
  }

  /**
   * The text as an ordered map keyword → text. A keyword that occurs more than once keeps the
   * position of its first chunk and the text of its last, as Pillow's {@code Image.info} does, so
   * that the {@code parameters} seen here are the ones AUTOMATIC1111 would see.
   */
  public SequencedMap<String, String> textMap() {
    SequencedMap<String, String> map = new LinkedHashMap<>();
    for (PngText text : texts) {
      map.put(text.keyword(), text.text());
    }
    return Collections.unmodifiableSequencedMap(map);
  }
}
