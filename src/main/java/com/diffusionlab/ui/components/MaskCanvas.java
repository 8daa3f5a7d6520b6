package com.diffusionlab.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Synchronize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.Base64;
import java.util.Optional;

/** Paints an inpainting mask over the init image in the browser (frontend/components). */
@Tag("dlab-mask-canvas")
@JsModule("./components/mask-canvas.js")
public class MaskCanvas extends Component {
  private static final String PREFIX = "data:image/png;base64,";

  public MaskCanvas() {
    getElement().setAttribute("brush", "24");
  }

  public void setImage(String url) {
    getElement().setAttribute("src", url);
  }

  @Synchronize(property = "value", value = "mask-changed")
  public String getValue() {
    return getElement().getProperty("value", "");
  }

  /** The painted mask as PNG bytes, or empty when nothing is painted. */
  public Optional<byte[]> mask() {
    String value = getValue();
    return value.startsWith(PREFIX)
        ? Optional.of(Base64.getDecoder().decode(value.substring(PREFIX.length())))
        : Optional.empty();
  }

  public void clear() {
    getElement().callJsFunction("reset");
  }
}
