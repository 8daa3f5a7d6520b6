package com.diffusionlab.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.List;
import java.util.Objects;

/**
 * Images of several runs side by side, wrapping into rows, in the browser ({@code
 * frontend/components/zoom-group.js}): every box the same size, chosen from the available width and
 * the number of images (two side by side at up to {@link #setMaxImageSize} each, eight in two rows
 * on a laptop screen), with sharp pixels. Zooming or panning one image moves all of them; a button
 * resets. Each caption links to its run.
 */
@Tag("dlab-zoom-group")
@JsModule("./components/zoom-group.js")
public class ZoomGroup extends Component implements HasSize {
  private List<Item> items = List.of();

  /**
   * One image of the group.
   *
   * @param imageUrl where the image is
   * @param caption the text under it, such as "run 12 · seed 7"
   * @param link where the caption leads, such as "runs/12"; null for a caption without a link
   */
  public record Item(String imageUrl, String caption, String link) {
    public Item {
      Objects.requireNonNull(imageUrl, "imageUrl");
      Objects.requireNonNull(caption, "caption");
    }
  }

  public void setImages(List<Item> images) {
    items = List.copyOf(images);
    getElement().setPropertyList("items", items);
  }

  public List<Item> getImages() {
    return items;
  }

  /** The largest side of a box in CSS pixels (512 unless set); small images are scaled up to it. */
  public void setMaxImageSize(int pixels) {
    if (pixels < 1) {
      throw new IllegalArgumentException("an image size is at least 1 pixel, not " + pixels);
    }
    getElement().setAttribute("max-size", Integer.toString(pixels));
  }

  /** Zooms every image back out to the whole image. */
  public void resetZoom() {
    getElement().callJsFunction("resetZoom");
  }
}
