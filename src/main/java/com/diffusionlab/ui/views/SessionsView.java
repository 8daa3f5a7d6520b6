package com.diffusionlab.ui.views;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.sessions.SessionUsage;
import com.diffusionlab.ui.components.PollingRefresh;
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
import java.util.List;
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
  private static final int REFRESH_MILLIS = 5_000;

  private final SessionService sessions;
  private final ModelRegistry models;
  private final LabUser user;
  private final Grid<Row> grid = new Grid<>();

  /** What the grid shows: the rows as they were last read, to tell whether anything changed. */
  private List<Row> shown = List.of();

  /** A session with its usage, read together so that a row shows one moment. */
  private record Row(PlaygroundSession session, SessionUsage usage) {}

  public SessionsView(SessionService sessions, ModelRegistry models, IdentityService identity) {
    this.sessions = sessions;
    this.models = models;
    this.user = identity.current();
    boolean admin = user.role() == Role.ADMIN;
    grid.setId("sessions-grid");
    // two lines in a cell where one would widen the grid past a laptop's screen
    // the name takes what the other columns leave and wraps: a name may be 120 characters
    grid.addColumn(
            new ComponentRenderer<>(
                row -> {
                  Component cell =
                      lines(
                          "name-" + row.session().id(),
                          row.session().name(),
                          row.session().ownerName());
                  cell.getElement()
                      .getStyle()
                      .set("white-space", "normal")
                      .set("overflow-wrap", "anywhere");
                  return cell;
                }))
        .setHeader("Name · owner")
        .setWidth("10rem")
        .setFlexGrow(1);
    grid.addColumn(new ComponentRenderer<>(row -> state(row.session())))
        .setHeader("Visibility")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(row -> row.session().priority())
        .setHeader("Priority")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(new ComponentRenderer<>(SessionsView::usage))
        .setHeader("Device-seconds")
        // rem, not em: a header cell's smaller font would make its column narrower than the rows'
        .setWidth("11rem")
        .setFlexGrow(0);
    grid.addColumn(
            new ComponentRenderer<>(
                row -> {
                  Quota quota = row.session().quota();
                  return lines(
                      "limits-" + row.session().id(),
                      quota.maxSide() + "² px · batch " + quota.maxBatch(),
                      quota.maxSteps() + " steps · " + quota.maxConcurrentJobs() + " jobs at once");
                }))
        .setHeader("Limits")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(
            row ->
                (row.session().allowedModels().isEmpty()
                        ? "all approved"
                        : row.session().allowedModels().size() + " models")
                    + (row.session().draftsAllowed() ? " + drafts (sandbox)" : ""))
        .setHeader("Models")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.setAllRowsVisible(true);
    grid.setEmptyStateText(
        "No session you can see yet: a researcher's own playground is made with their first"
            + " generation, and administrators create sessions and share them with everyone.");
    HorizontalLayout header = new HorizontalLayout(new H2("Playground sessions"));
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    if (admin) {
      grid.addColumn(new ComponentRenderer<>(row -> actions(row.session())))
          .setAutoWidth(true)
          .setFlexGrow(0);
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
    // usage changes as jobs run, and other administrators change sessions
    PollingRefresh.every(REFRESH_MILLIS, this, this::refresh);
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

  private static VerticalLayout usage(Row row) {
    SessionUsage usage = row.usage();
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
    cell.setId("usage-" + row.session().id());
    cell.setPadding(false);
    cell.setSpacing(false);
    return cell;
  }

  private Component actions(PlaygroundSession session) {
    Button edit = new Button("Edit", click -> edit(session.id()));
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

  /**
   * Edits the session as it is now, not as the row showed it: another admin may have changed it.
   */
  private void edit(long id) {
    sessions
        .find(id)
        .ifPresentOrElse(
            current -> SessionDialog.edit(sessions, models, current, this::saved).open(),
            this::refresh);
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

  /**
   * Shows the sessions as they are now, newest first (the one an administrator just made stands
   * under the New session button); rows that did not change are left as they are.
   */
  private void refresh() {
    List<Row> rows =
        sessions.visibleTo(user).reversed().stream()
            .map(session -> new Row(session, sessions.usage(session.id())))
            .toList();
    if (!rows.equals(shown)) {
      shown = rows;
      grid.setItems(rows);
      grid.recalculateColumnWidths();
    }
  }
}
