package com.diffusionlab.ui.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.ui.components.ZoomGroup.Item;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ZoomGroupTest {

  @Test
  void itemsGoToTheBrowserAsAnArrayOfObjects() {
    ZoomGroup group = new ZoomGroup();
    group.setImages(
        List.of(
            new Item("artifacts/1.png", "run 12 · seed 7", "runs/12"),
            new Item("artifacts/2.png", "run 13 · seed 8", null)));

    assertThat(group.getElement().getPropertyRaw("items"))
        .isEqualTo(
            JsonMapper.shared()
                .readTree(
                    """
                    [{"imageUrl": "artifacts/1.png", "caption": "run 12 · seed 7", "link": "runs/12"},
                     {"imageUrl": "artifacts/2.png", "caption": "run 13 · seed 8", "link": null}]
                    """));
    assertThat(group.getImages())
        .extracting(Item::caption)
        .containsExactly("run 12 · seed 7", "run 13 · seed 8");
  }

  @Test
  void theItemsAreCopied() {
    ZoomGroup group = new ZoomGroup();
    List<Item> items = new ArrayList<>(List.of(new Item("a.png", "a", null)));
    group.setImages(items);
    items.add(new Item("b.png", "b", null));

    assertThat(group.getImages()).hasSize(1);
    assertThat((JsonNode) group.getElement().getPropertyRaw("items")).hasSize(1);
  }

  @Test
  void anItemNeedsAnImageAndACaption() {
    assertThatThrownBy(() -> new Item(null, "run 1", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Item("a.png", null, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theLargestBoxIsAnAttribute() {
    ZoomGroup group = new ZoomGroup();
    group.setMaxImageSize(384);
    assertThat(group.getElement().getAttribute("max-size")).isEqualTo("384");
    assertThatThrownBy(() -> group.setMaxImageSize(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
