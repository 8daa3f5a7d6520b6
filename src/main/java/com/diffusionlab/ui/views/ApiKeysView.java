package com.diffusionlab.ui.views;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.identity.ApiKey;
import com.diffusionlab.identity.ApiKeyService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One's own API keys, for scripts and the command line ({@code Authorization: Bearer dlab_…}):
 * create one (its secret is shown once), see when each was last used, revoke one. The rules are the
 * service's, so they are the REST API's too.
 */
@Route("keys")
@PageTitle("API keys · Diffusion Lab")
@PermitAll
public class ApiKeysView extends VerticalLayout {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ApiKeyService keys;
  private final Grid<ApiKey> grid = new Grid<>();

  public ApiKeysView(ApiKeyService keys) {
    this.keys = keys;
    grid.setId("keys-grid");
    grid.addColumn(ApiKey::name).setHeader("Name").setSortable(true).setFlexGrow(1);
    grid.addColumn(key -> key.scope().name().toLowerCase(Locale.ROOT))
        .setHeader("Scope")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(ApiKeysView::prefix))
        .setHeader("Prefix")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(key -> time(DAY, key.createdAt()))
        .setHeader("Created")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(key -> time(MINUTE, key.lastUsedAt()))
        .setHeader("Last used")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(this::revokeButton)).setAutoWidth(true).setFlexGrow(0);
    grid.setAllRowsVisible(true);
    grid.setEmptyStateText("No API keys yet");
    Button create = new Button("Create key", click -> openCreateDialog());
    create.setId("create-key");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout header = new HorizontalLayout(new H2("API keys"), create);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    Paragraph about =
        new Paragraph(
            "Scripts and the command line sign in with a key: Authorization: Bearer dlab_… (dlab"
                + " --api-key or DLAB_API_KEY). A key does no more than its scope and your role"
                + " allow, and stops at once when revoked.");
    about.addClassName("dlab-secondary");
    add(header, about, grid);
    refresh();
  }

  private static Component prefix(ApiKey key) {
    Span prefix = new Span(key.prefix() + "…");
    prefix.addClassName("dlab-mono");
    return prefix;
  }

  private Component revokeButton(ApiKey key) {
    Button revoke = new Button("Revoke", click -> confirmRevoke(key));
    revoke.setId("revoke-" + key.id());
    revoke.addThemeVariants(
        ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
    return revoke;
  }

  private void confirmRevoke(ApiKey key) {
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Revoke “" + key.name() + "”?",
            "Scripts that use it (" + key.prefix() + "…) are turned away from now on.",
            "Revoke",
            event -> revoke(key));
    confirm.setConfirmButtonTheme("error primary");
    confirm.setCancelable(true);
    confirm.setId("confirm-revoke");
    confirm.open();
  }

  private void revoke(ApiKey key) {
    try {
      keys.revoke(key.id());
      Notification.show("Revoked " + key.name(), 5000, Notification.Position.BOTTOM_START)
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    } catch (NotFoundException gone) {
      Notification.show(
              "“" + key.name() + "” was revoked already", 5000, Notification.Position.BOTTOM_START)
          .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
    }
    refresh();
  }

  /**
   * The new key shows behind the dialog once created, and again when the dialog closes: a script
   * may have used the key meanwhile, and its last use should show.
   */
  private void openCreateDialog() {
    CreateApiKeyDialog dialog = new CreateApiKeyDialog(keys, this::refresh);
    dialog.addOpenedChangeListener(
        event -> {
          if (!event.isOpened()) {
            refresh();
          }
        });
    dialog.open();
  }

  private void refresh() {
    grid.setItems(keys.mine());
    grid.recalculateColumnWidths();
  }

  private static String time(DateTimeFormatter format, Instant instant) {
    return instant == null ? "–" : format.format(instant);
  }
}
