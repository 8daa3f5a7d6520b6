package com.diffusionlab.ui.views;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.AccountChanges;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.UserAccount;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Users, for administrators: add one with a role and a one-time password, change a role, disable or
 * re-enable, unlock an account that failed sign-ins locked, reset a password. The rules are the
 * service's, so they are the REST API's too.
 */
@Route("users")
@PageTitle("Users · Diffusion Lab")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final IdentityService identity;
  private final PasswordPolicy policy;
  private final Grid<UserAccount> grid = new Grid<>();

  public UsersView(IdentityService identity, PasswordPolicy policy) {
    this.identity = identity;
    this.policy = policy;
    grid.setId("users-grid");
    // every column as wide as its content, the name taking what is left: nothing is cut short
    grid.addColumn(UserAccount::username).setHeader("Username").setSortable(true).setFlexGrow(1);
    grid.addColumn(new ComponentRenderer<>(this::roleSelect))
        .setHeader("Role")
        .setWidth("11.5rem")
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(UsersView::status))
        .setHeader("Status")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(account -> time(DAY, account.createdAt()))
        .setHeader("Created")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(account -> time(MINUTE, account.lastSignInAt()))
        .setHeader("Last sign-in")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(this::actions)).setAutoWidth(true).setFlexGrow(0);
    grid.setAllRowsVisible(true);
    Button add =
        new Button("Add user", click -> new AddUserDialog(identity, policy, this::added).open());
    add.setId("add-user");
    add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout header = new HorizontalLayout(new H2("Users"), add);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(header, grid);
    refresh();
  }

  private Select<Role> roleSelect(UserAccount account) {
    Select<Role> role = new Select<>();
    role.setId("role-" + account.username());
    role.setItems(Role.values());
    role.setItemLabelGenerator(r -> r.name().toLowerCase());
    role.setValue(account.role());
    // the identity provider's claim decides the role of its users at every sign-in
    role.setReadOnly(!account.hasLocalPassword());
    role.setWidthFull();
    role.addValueChangeListener(
        change -> {
          if (change.isFromClient()) {
            change(account, new AccountChanges(change.getValue(), null));
          }
        });
    return role;
  }

  private static Component status(UserAccount account) {
    // badges one above the other: side by side they would widen the grid past a laptop's screen
    VerticalLayout status = new VerticalLayout();
    status.setPadding(false);
    status.setSpacing(false);
    status.getStyle().set("gap", "var(--lumo-space-xs)");
    status.setAlignItems(FlexComponent.Alignment.START);
    Span enabled = new Span(account.enabled() ? "enabled" : "disabled");
    enabled.addClassNames(
        "dlab-status", account.enabled() ? "dlab-status-succeeded" : "dlab-status-failed");
    status.add(enabled);
    if (account.locked()) {
      Span locked = new Span("locked: too many failed sign-ins");
      locked.addClassNames("dlab-status", "dlab-status-failed");
      status.add(locked);
    }
    if (!account.hasLocalPassword()) {
      Span provider = new Span("identity provider");
      provider.addClassName("dlab-status");
      provider.setTitle("signs in through " + account.identityProvider());
      status.add(provider);
    }
    if (account.mustChangePassword()) {
      Span oneTime = new Span("one-time password");
      oneTime.addClassName("dlab-status");
      status.add(oneTime);
    }
    status.setId("status-" + account.username());
    return status;
  }

  private Component actions(UserAccount account) {
    Button toggle =
        new Button(
            account.enabled() ? "Disable" : "Enable",
            click -> change(account, new AccountChanges(null, !account.enabled())));
    toggle.setId("toggle-" + account.username());
    Button reset =
        new Button(
            "Reset password",
            click ->
                new ResetPasswordDialog(identity, policy, account.username(), this::reset).open());
    reset.setId("reset-" + account.username());
    // the identity provider keeps this user's password
    reset.setVisible(account.hasLocalPassword());
    HorizontalLayout actions = new HorizontalLayout(toggle, reset);
    if (account.locked()) {
      Button unlock = new Button("Unlock", click -> unlock(account));
      unlock.setId("unlock-" + account.username());
      actions.addComponentAsFirst(unlock);
    }
    actions
        .getChildren()
        .map(Button.class::cast)
        .forEach(
            button ->
                button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL));
    return actions;
  }

  private void unlock(UserAccount account) {
    identity.unlock(account.username());
    refresh();
    Notification.show(
            "Unlocked " + account.username() + "; they can sign in again",
            5000,
            Notification.Position.BOTTOM_START)
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }

  private void change(UserAccount account, AccountChanges changes) {
    try {
      identity.update(account.username(), changes);
    } catch (InvalidRequestException refused) {
      Notification.show(refused.getMessage(), 8000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    refresh();
  }

  private void added(UserAccount account) {
    refresh();
    Notification.show(
            "Added "
                + account.username()
                + " ("
                + account.role().name().toLowerCase()
                + "); they change the one-time password at their first sign-in",
            5000,
            Notification.Position.BOTTOM_START)
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }

  private void reset(UserAccount account) {
    refresh();
    Notification.show(
            "One-time password set for " + account.username(),
            5000,
            Notification.Position.BOTTOM_START)
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }

  private void refresh() {
    grid.setItems(identity.accounts());
    // a new badge (one-time password, disabled) may need a wider column
    grid.recalculateColumnWidths();
  }

  private static String time(DateTimeFormatter format, Instant instant) {
    return instant == null ? "–" : format.format(instant);
  }
}
