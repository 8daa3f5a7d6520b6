package com.diffusionlab.ui.views;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.sessions.SessionUsage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.stream.Collectors;

/** Playground sessions with their quota and usage; researchers create their own. */
@Route("sessions")
@PageTitle("Sessions · Diffusion Lab")
@PermitAll
public class SessionsView extends VerticalLayout {

  private final SessionService sessions;
  private final LabUser user;
  private final Grid<PlaygroundSession> grid = new Grid<>();

  public SessionsView(SessionService sessions, ModelRegistry models, IdentityService identity) {
    this.sessions = sessions;
    this.user = identity.current();
    grid.setId("sessions-grid");
    grid.addColumn(PlaygroundSession::name).setHeader("Name");
    grid.addColumn(PlaygroundSession::ownerName).setHeader("Owner");
    grid.addColumn(s -> s.shared() ? "shared" : "private").setHeader("Visibility");
    grid.addColumn(new ComponentRenderer<>(this::usage))
        .setHeader("Device-seconds used")
        .setFlexGrow(2);
    grid.addColumn(
            s ->
                (int) Math.sqrt(s.quota().maxPixels())
                    + "² px · "
                    + s.quota().maxSteps()
                    + " steps · batch "
                    + s.quota().maxBatch()
                    + " · "
                    + s.quota().maxConcurrentJobs()
                    + " jobs")
        .setHeader("Limits")
        .setFlexGrow(2);
    grid.addColumn(
            s ->
                s.allowedModels().isEmpty() ? "all approved" : s.allowedModels().size() + " models")
        .setHeader("Models");
    grid.setAllRowsVisible(true);
    refresh();
    add(new H2("Playground sessions"), grid);
    if (user.role().canGenerate()) {
      add(new H3("New session"), createForm(models));
    }
  }

  private VerticalLayout usage(PlaygroundSession session) {
    SessionUsage usage = sessions.usage(session.id());
    ProgressBar bar = new ProgressBar(0, 1, usage.fraction());
    VerticalLayout cell =
        new VerticalLayout(
            bar,
            new com.vaadin.flow.component.html.Span(
                String.format(
                    Locale.ROOT,
                    "%.1f of %.0f",
                    usage.usedDeviceSeconds(),
                    usage.budgetDeviceSeconds())));
    cell.setPadding(false);
    cell.setSpacing(false);
    return cell;
  }

  private VerticalLayout createForm(ModelRegistry models) {
    Quota standard = Quota.standard();
    TextField name = new TextField("Name");
    name.setId("session-name");
    Checkbox shared = new Checkbox("Shared with everyone");
    NumberField budget = new NumberField("Budget (device-seconds)");
    budget.setValue(standard.budgetDeviceSeconds());
    IntegerField jobs = new IntegerField("Concurrent jobs");
    jobs.setValue(standard.maxConcurrentJobs());
    IntegerField side = new IntegerField("Largest side (px)");
    side.setValue((int) Math.sqrt(standard.maxPixels()));
    IntegerField steps = new IntegerField("Max steps");
    steps.setValue(standard.maxSteps());
    IntegerField batch = new IntegerField("Max batch");
    batch.setValue(standard.maxBatch());
    MultiSelectComboBox<ModelVersion> allowed =
        new MultiSelectComboBox<>("Allowed models (none = all approved)");
    allowed.setItems(models.usable());
    allowed.setItemLabelGenerator(m -> m.name() + " · " + m.shortHash());
    Button create =
        new Button(
            "Create session",
            e -> {
              try {
                sessions.create(
                    user,
                    name.getValue(),
                    shared.getValue(),
                    new Quota(
                        budget.getValue() == null ? 0 : budget.getValue(),
                        jobs.getValue() == null ? 0 : jobs.getValue(),
                        side.getValue() == null ? 0 : side.getValue() * side.getValue(),
                        steps.getValue() == null ? 0 : steps.getValue(),
                        batch.getValue() == null ? 0 : batch.getValue()),
                    allowed.getValue().stream()
                        .map(ModelVersion::contentHash)
                        .collect(Collectors.toSet()));
                refresh();
                name.clear();
              } catch (RuntimeException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
              }
            });
    create.setId("create-session");
    return new VerticalLayout(
        new HorizontalLayout(name, shared),
        new HorizontalLayout(budget, jobs, side, steps, batch),
        allowed,
        create);
  }

  private void refresh() {
    grid.setItems(sessions.visibleTo(user));
  }
}
