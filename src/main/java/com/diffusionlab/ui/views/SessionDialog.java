package com.diffusionlab.ui.views;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.models.ModelVersion;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.ui.components.InlineErrors;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An administrator's form for a session: a new one (for any user, private or shared) or an edit of
 * one, with its name, visibility, priority, limits and allowed models. The service checks every
 * field; refusals appear under the fields.
 */
class SessionDialog extends Dialog {

  private final TextField name = new TextField("Name");
  private final Select<String> owner = new Select<>();
  private final Checkbox shared = new Checkbox("Shared with everyone");
  private final Checkbox drafts = new Checkbox("Sandbox: allow draft models");
  private final IntegerField priority = new IntegerField("Priority");
  private final NumberField budget = new NumberField("Budget (device-seconds)");
  private final IntegerField jobs = new IntegerField("Concurrent jobs");
  private final IntegerField side = new IntegerField("Largest image side (px)");
  private final IntegerField steps = new IntegerField("Max steps");
  private final IntegerField batch = new IntegerField("Max batch");
  private final MultiSelectComboBox<ModelVersion> models =
      new MultiSelectComboBox<>("Allowed models");
  private final InlineErrors errors = new InlineErrors();
  private final HorizontalLayout top = row(name);

  /** A new session, owned by the administrator unless another owner is chosen. */
  static SessionDialog create(
      SessionService sessions,
      IdentityService identity,
      ModelRegistry registry,
      Consumer<PlaygroundSession> saved) {
    SessionDialog dialog = new SessionDialog(registry, "New session");
    LabUser me = identity.current();
    dialog.owner.setLabel("Owner");
    dialog.owner.setId("session-owner");
    dialog.owner.setItems(identity.accounts().stream().map(UserAccount::username).toList());
    dialog.owner.setValue(me.username());
    dialog.fill("", sessions.defaultQuota(), 1, false, Set.of());
    dialog.drafts.setValue(false);
    dialog.top.addComponentAtIndex(1, dialog.owner);
    dialog.top.setFlexGrow(1, dialog.owner);
    dialog.saveButton(
        "Create session",
        () -> sessions.create(dialog.owner.getValue(), dialog.changes(null)),
        saved);
    return dialog;
  }

  /** Changes to an existing session. */
  static SessionDialog edit(
      SessionService sessions,
      ModelRegistry registry,
      PlaygroundSession session,
      Consumer<PlaygroundSession> saved) {
    SessionDialog dialog = new SessionDialog(registry, "Edit " + session.name());
    dialog.fill(
        session.name(),
        session.quota(),
        session.priority(),
        session.shared(),
        session.allowedModels());
    dialog.drafts.setValue(session.draftsAllowed());
    dialog.saveButton("Save", () -> sessions.update(session.id(), dialog.changes(session)), saved);
    return dialog;
  }

  private SessionDialog(ModelRegistry registry, String title) {
    setHeaderTitle(title);
    name.setId("session-name");
    shared.setId("session-shared");
    priority.setId("session-priority");
    priority.setHelperText(
        PlaygroundSession.MIN_PRIORITY
            + " to "
            + PlaygroundSession.MAX_PRIORITY
            + ": a session's share of the devices while others wait too");
    budget.setId("session-budget");
    jobs.setId("session-jobs");
    jobs.setHelperText("queued or running at once");
    side.setId("session-side");
    side.setHelperText("images up to side × side pixels");
    steps.setId("session-steps");
    batch.setId("session-batch");
    models.setId("session-models");
    models.setItems(registry.usable());
    models.setItemLabelGenerator(m -> m.name() + " · " + m.shortHash());
    models.setHelperText("none chosen: every approved model");
    drafts.setId("session-drafts");
    drafts.setTooltipText(
        "Runs draft model versions too, and replays runs of retired ones: for trying a model"
            + " before it is approved");
    errors
        .field("name", name)
        .field("owner", owner)
        .field("priority", priority)
        .field("budgetDeviceSeconds", budget)
        .field("maxConcurrentJobs", jobs)
        .field("maxPixels", side)
        .field("maxSteps", steps)
        .field("maxBatch", batch)
        .field("allowedModels", models);
    top.add(shared, drafts);
    top.setAlignSelf(FlexComponent.Alignment.CENTER, shared);
    top.setAlignSelf(FlexComponent.Alignment.CENTER, drafts);
    models.setWidthFull();
    VerticalLayout form =
        new VerticalLayout(
            top, row(priority, budget, jobs), row(side, steps, batch), models, errors.other());
    form.setPadding(false);
    add(form);
    setWidth("min(46em, 96vw)");
  }

  /** Fields side by side, sharing the row's width. */
  private static HorizontalLayout row(Component... fields) {
    HorizontalLayout row = new HorizontalLayout(fields);
    row.setWidthFull();
    for (Component field : fields) {
      row.setFlexGrow(1, field);
      field.getStyle().set("min-width", "0");
    }
    return row;
  }

  private void fill(
      String sessionName, Quota quota, int prio, boolean isShared, Set<String> allowed) {
    name.setValue(sessionName);
    shared.setValue(isShared);
    priority.setValue(prio);
    budget.setValue(quota.budgetDeviceSeconds());
    jobs.setValue(quota.maxConcurrentJobs());
    side.setValue(quota.maxSide());
    steps.setValue(quota.maxSteps());
    batch.setValue(quota.maxBatch());
    models.setValue(
        models
            .getListDataView()
            .getItems()
            .filter(m -> allowed.contains(m.contentHash()))
            .toList());
  }

  /**
   * What the form says. An edit leaves the pixel limit and the models as they are unless their
   * fields changed, so that a limit not made of a square side or a model no longer on disk is not
   * lost by saving something else.
   *
   * @param editing the session as it was, null for a new one
   */
  private SessionChanges changes(PlaygroundSession editing) {
    List<FieldError> empty = new ArrayList<>();
    requireValue(empty, "priority", priority.getValue());
    requireValue(empty, "budgetDeviceSeconds", budget.getValue());
    requireValue(empty, "maxConcurrentJobs", jobs.getValue());
    requireValue(empty, "maxPixels", side.getValue());
    requireValue(empty, "maxSteps", steps.getValue());
    requireValue(empty, "maxBatch", batch.getValue());
    if (!empty.isEmpty()) {
      throw new InvalidRequestException(empty);
    }
    Quota before = editing == null ? null : editing.quota();
    Integer pixels =
        before != null && side.getValue() == before.maxSide()
            ? null
            : side.getValue() * side.getValue();
    Set<String> chosen =
        models.getValue().stream().map(ModelVersion::contentHash).collect(Collectors.toSet());
    Set<String> allowed = editing != null && chosen.equals(shownAllowed(editing)) ? null : chosen;
    return new SessionChanges(
        name.getValue(),
        shared.getValue(),
        priority.getValue(),
        budget.getValue(),
        jobs.getValue(),
        pixels,
        steps.getValue(),
        batch.getValue(),
        allowed,
        drafts.getValue());
  }

  private Set<String> shownAllowed(PlaygroundSession session) {
    return models
        .getListDataView()
        .getItems()
        .map(ModelVersion::contentHash)
        .filter(session.allowedModels()::contains)
        .collect(Collectors.toSet());
  }

  private static void requireValue(List<FieldError> errors, String field, Object value) {
    if (value == null) {
      errors.add(new FieldError(field, "(empty)", "a number"));
    }
  }

  private void saveButton(
      String label, Supplier<PlaygroundSession> save, Consumer<PlaygroundSession> saved) {
    Button button =
        new Button(
            label,
            click -> {
              try {
                PlaygroundSession session = save.get();
                close();
                saved.accept(session);
              } catch (InvalidRequestException refused) {
                errors.show(refused);
              }
            });
    button.setId("save-session");
    button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", click -> close()), button);
  }
}
