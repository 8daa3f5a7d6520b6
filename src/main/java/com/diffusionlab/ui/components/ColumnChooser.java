package com.diffusionlab.ui.components;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A "Columns" button whose menu shows or hides a grid's columns, each a checkable item; the choice
 * is remembered per browser (localStorage under {@code storageKey}) and comes back on the next
 * visit.
 */
public class ColumnChooser extends Composite<Button> {

  private final String storageKey;
  private final Map<String, Grid.Column<?>> columns = new LinkedHashMap<>();
  private final Map<String, MenuItem> items = new LinkedHashMap<>();

  /**
   * @param columns the columns offered, each with a key and a header text; their visibility as
   *     given is the default
   */
  public ColumnChooser(String storageKey, List<? extends Grid.Column<?>> columns) {
    this.storageKey = storageKey;
    Button button = getContent();
    button.setText("Columns");
    button.setIcon(VaadinIcon.TABLE.create());
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    button.setTooltipText("show or hide columns");
    button.setId("column-chooser");
    // a context menu rather than a menu bar: the production bundle already has it
    ContextMenu menu = new ContextMenu(button);
    menu.setOpenOnClick(true);
    for (Grid.Column<?> column : columns) {
      MenuItem item = menu.addItem(column.getHeaderText());
      item.setCheckable(true);
      item.setChecked(column.isVisible());
      item.setKeepOpen(true);
      item.addClickListener(
          click -> {
            column.setVisible(item.isChecked());
            save();
          });
      this.columns.put(column.getKey(), column);
      items.put(column.getKey(), item);
    }
    addAttachListener(attach -> restore());
  }

  private void save() {
    String visible =
        columns.entrySet().stream()
            .filter(entry -> entry.getValue().isVisible())
            .map(Map.Entry::getKey)
            .collect(Collectors.joining(","));
    getElement().executeJs("localStorage.setItem($0, $1)", storageKey, visible);
  }

  private void restore() {
    getElement()
        .executeJs("return localStorage.getItem($0) || ''", storageKey)
        .then(String.class, this::show);
  }

  /** Shows the columns a stored list names; unknown names (an older version's) are ignored. */
  private void show(String stored) {
    Set<String> visible = Arrays.stream(stored.split(",")).collect(Collectors.toSet());
    if (stored.isBlank() || visible.stream().noneMatch(columns::containsKey)) {
      return;
    }
    columns.forEach(
        (key, column) -> {
          column.setVisible(visible.contains(key));
          items.get(key).setChecked(visible.contains(key));
        });
  }
}
