package com.diffusionlab.ui.views;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.sessions.SessionUsage;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Playground sessions with their limits, priority and usage. Administrators create sessions (for
 * anyone, private or shared), edit them and close or reopen them; everyone else sees the limits.
 * The rules are the service's, so they are the REST API's too.
 */
@Route("sessions")
@PageTitle("Sessions · Diffusion Lab")
@PermitAll
public class SessionsView extends VerticalLayout {

  private final SessionService sessions;
  private final ModelRegistry models;
  private final LabUser user;
  private final Grid<PlaygroundSession> grid = new Grid<>();

  public SessionsView(SessionService sessions, ModelRegistry models, IdentityService identity) {
    this.sessions = sessions;
    this.models = models;
    this.user = identity.current();
    boolean admin = user.role() == Role.ADMIN;
    grid.setId("sessions-grid");
    // two lines in a cell where one would widen the grid past a laptop's screen
    grid.addColumn(
            new ComponentRenderer<>(
                session -> lines("name-" + session.id(), session.name(), session.ownerName())))
        .setHeader("Name · owner")
        .setAutoWidth(true)
        .setFlexGrow(1);
    grid.addColumn(new ComponentRenderer<>(SessionsView::state))
        .setHeader("Visibility")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(PlaygroundSession::priority)
        .setHeader("Priority")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(this::usage))
        .setHeader("Device-seconds")
        .setWidth("11em")
        .setFlexGrow(0);
    grid.addColumn(
            new ComponentRenderer<>(
                session -> {
                  Quota quota = session.quota();
                  return lines(
                      "limits-" + session.id(),
                      quota.maxSide() + "² px · batch " + quota.maxBatch(),
                      quota.maxSteps() + " steps · " + quota.maxConcurrentJobs() + " jobs at once");
                }))
        .setHeader("Limits")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(
            s ->
                s.allowedModels().isEmpty() ? "all approved" : s.allowedModels().size() + " models")
        .setHeader("Models")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.setAllRowsVisible(true);
    HorizontalLayout header = new HorizontalLayout(new H2("Playground sessions"));
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    if (admin) {
      grid.addColumn(new ComponentRenderer<>(this::actions)).setAutoWidth(true).setFlexGrow(0);
      Button create =
          new Button(
              "New session",
              click -> SessionDialog.create(sessions, identity, models, this::created).open());
      create.setId("new-session");
      create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      header.add(create);
      add(header, grid);
    } else {
      Paragraph note =
          new Paragraph(
              "Administrators create sessions and set their limits. Your own playground has the"
                  + " workspace's default quota: "
                  + limits(sessions.defaultQuota())
                  + String.format(
                      Locale.ROOT,
                      ", %.0f device-seconds in all.",
                      sessions.defaultQuota().budgetDeviceSeconds()));
      note.setId("sessions-note");
      add(header, note, grid);
    }
    refresh();
  }

  private static String limits(Quota quota) {
    return quota.maxSide()
        + "² px · "
        + quota.maxSteps()
        + " steps · batch "
        + quota.maxBatch()
        + " · "
        + quota.maxConcurrentJobs()
        + " jobs at once";
  }

  /** A first line and a quieter second one, stacked. */
  private static Component lines(String id, String first, String second) {
    Span below = new Span(second);
    below.addClassName("dlab-secondary");
    VerticalLayout cell = new VerticalLayout(new Span(first), below);
    cell.setPadding(false);
    cell.setSpacing(false);
    cell.setId(id);
    return cell;
  }

  private static Component state(PlaygroundSession session) {
    VerticalLayout state = new VerticalLayout();
    state.setPadding(false);
    state.setSpacing(false);
    state.getStyle().set("gap", "var(--lumo-space-xs)");
    state.setAlignItems(FlexComponent.Alignment.START);
    state.add(new Span(session.shared() ? "shared" : "private"));
    if (session.closed()) {
      Span closed = new Span("closed");
      closed.addClassNames("dlab-status", "dlab-status-cancelled");
      state.add(closed);
    }
    state.setId("state-" + session.id());
    return state;
  }

  private VerticalLayout usage(PlaygroundSession session) {
    SessionUsage usage = sessions.usage(session.id());
    ProgressBar bar = new ProgressBar(0, 1, usage.fraction());
    Span figures =
        new Span(
            String.format(
                Locale.ROOT,
                "%.1f of %.0f",
                usage.usedDeviceSeconds(),
                usage.budgetDeviceSeconds()));
    VerticalLayout cell = new VerticalLayout(bar, figures);
    if (usage.reservedDeviceSeconds() > 0) {
      Span reserved =
          new Span(String.format(Locale.ROOT, "+ %.1f reserved", usage.reservedDeviceSeconds()));
      reserved.addClassName("dlab-secondary");
      cell.add(reserved);
    }
    cell.setId("usage-" + session.id());
    cell.setPadding(false);
    cell.setSpacing(false);
    return cell;
  }

  private Component actions(PlaygroundSession session) {
    Button edit =
        new Button(
            "Edit", click -> SessionDialog.edit(sessions, models, session, this::saved).open());
    edit.setId("edit-session-" + session.id());
    Button toggle =
        new Button(
            session.closed() ? "Reopen" : "Close",
            click ->
                changed(
                    session.closed() ? sessions::reopen : sessions::close,
                    session.id(),
                    session.closed() ? "Reopened " : "Closed "));
    toggle.setId("close-session-" + session.id());
    for (Button button : new Button[] {edit, toggle}) {
      button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    }
    return new HorizontalLayout(edit, toggle);
  }

  private void changed(LongFunction<PlaygroundSession> change, long id, String what) {
    PlaygroundSession session = change.apply(id);
    refresh();
    notice(what + session.name());
  }

  private void created(PlaygroundSession session) {
    refresh();
    notice("Created " + session.name() + " for " + session.ownerName());
  }

  private void saved(PlaygroundSession session) {
    refresh();
    notice("Saved " + session.name());
  }

  private static void notice(String text) {
    Notification.show(text, 4000, Notification.Position.BOTTOM_START)
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }

  private void refresh() {
    grid.setItems(sessions.visibleTo(user));
    grid.recalculateColumnWidths();
  }
}
