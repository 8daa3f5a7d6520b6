package com.diffusionlab.ui.components;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A "Columns" menu that shows or hides a grid's columns, each a checkable item; the choice is
 * remembered per browser (localStorage under {@code storageKey}) and comes back on the next visit.
 */
public class ColumnChooser extends Composite<MenuBar> {

  private final String storageKey;
  private final Map<String, Grid.Column<?>> columns = new LinkedHashMap<>();
  private final Map<String, MenuItem> items = new LinkedHashMap<>();

  /**
   * @param columns the columns offered, each with a key and a header text; their visibility as
   *     given is the default
   */
  public ColumnChooser(String storageKey, List<? extends Grid.Column<?>> columns) {
    this.storageKey = storageKey;
    MenuBar bar = getContent();
    bar.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
    MenuItem root = bar.addItem(VaadinIcon.TABLE.create());
    root.add("Columns");
    root.setId("column-chooser");
    bar.setTooltipText(root, "show or hide columns");
    SubMenu menu = root.getSubMenu();
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
