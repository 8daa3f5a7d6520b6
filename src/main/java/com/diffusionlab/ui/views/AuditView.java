package com.diffusionlab.ui.views;

import com.diffusionlab.AuditEvent.Outcome;
import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.governance.AuditEntry;
import com.diffusionlab.governance.AuditLogService;
import com.diffusionlab.governance.AuditQuery;
import com.diffusionlab.governance.AuditVerification;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log, for administrators: entries newest first, filtered by actor, action, outcome and
 * time; a check of the hash chain that names the first broken link; the selection as JSON lines.
 */
@Route("audit")
@PageTitle("Audit log · Diffusion Lab")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout {

  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final AuditLogService audit;
  private final Grid<AuditEntry> grid = new Grid<>();
  private final TextField actor = new TextField("Actor");
  private final TextField action = new TextField("Action");
  private final Select<Outcome> outcome = new Select<>();
  private final DateTimePicker from = new DateTimePicker("From");
  private final DateTimePicker to = new DateTimePicker("To");
  private final Span verification = new Span();
  private AuditQuery query = AuditQuery.ALL;

  public AuditView(AuditLogService audit) {
    this.audit = audit;
    setSizeFull();
    Button verify = new Button("Verify chain", click -> verify());
    verify.setId("audit-verify");
    verification.setId("audit-verification");
    Anchor export = new Anchor(exportDownload(), "Export JSON lines");
    export.setId("audit-export");
    export.getElement().setAttribute("download", true);
    HorizontalLayout header =
        new HorizontalLayout(new H2("Audit log"), verify, export, verification);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(header, filters(), grid());
    setFlexGrow(1, grid);
  }

  private Component filters() {
    actor.setId("audit-actor");
    actor.setPlaceholder("username");
    action.setId("audit-action");
    action.setPlaceholder("e.g. session");
    for (TextField field : List.of(actor, action)) {
      field.setClearButtonVisible(true);
      field.setValueChangeMode(ValueChangeMode.LAZY);
      field.addValueChangeListener(change -> filter());
    }
    outcome.setId("audit-outcome");
    outcome.setLabel("Outcome");
    outcome.setItems(Outcome.values());
    outcome.setEmptySelectionAllowed(true);
    outcome.setEmptySelectionCaption("any");
    outcome.setItemLabelGenerator(value -> value == null ? "any" : value.name().toLowerCase());
    outcome.addValueChangeListener(change -> filter());
    from.setId("audit-from");
    to.setId("audit-to");
    // one row at a laptop's width: the pickers need no more than a date and a time
    actor.setWidth("9rem");
    action.setWidth("10rem");
    outcome.setWidth("8rem");
    from.setWidth("15rem");
    to.setWidth("15rem");
    from.addValueChangeListener(change -> filter());
    to.addValueChangeListener(change -> filter());
    HorizontalLayout filters = new HorizontalLayout(actor, action, outcome, from, to);
    filters.setAlignItems(FlexComponent.Alignment.BASELINE);
    filters.getStyle().set("flex-wrap", "wrap");
    return filters;
  }

  private Grid<AuditEntry> grid() {
    grid.setId("audit-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.addColumn(AuditEntry::sequence).setHeader("#").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(entry -> SECOND.format(entry.time()))
        .setHeader("Time")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(AuditEntry::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(AuditEntry::address).setHeader("Address").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(AuditView::outcome)
        .setHeader("Outcome")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(1);
    grid.addColumn(AuditEntry::detail).setHeader("Detail").setFlexGrow(2);
    grid.setItems(
        fetch -> audit.page(query, fetch.getPage(), fetch.getPageSize()).stream(),
        count -> (int) Math.min(Integer.MAX_VALUE, audit.count(query)));
    return grid;
  }

  private static Component outcome(AuditEntry entry) {
    Span badge = new Span(entry.outcome().name().toLowerCase());
    badge.addClassNames(
        "dlab-status",
        switch (entry.outcome()) {
          case SUCCEEDED -> "dlab-status-succeeded";
          case REFUSED, FAILED -> "dlab-status-failed";
        });
    return badge;
  }

  /** The filters as a query; a bad one is marked on its field and the grid stays as it was. */
  private void filter() {
    Map<String, HasValidation> fields =
        Map.of("actor", actor, "action", action, "outcome", outcome, "from", from, "to", to);
    fields.values().forEach(field -> field.setInvalid(false));
    try {
      query =
          new AuditQuery(
              actor.getValue(),
              action.getValue(),
              outcome.getValue(),
              instant(from.getValue()),
              instant(to.getValue()));
      grid.getDataProvider().refreshAll();
    } catch (InvalidRequestException refused) {
      for (FieldError error : refused.errors()) {
        Optional.ofNullable(fields.get(error.field()))
            .ifPresent(
                field -> {
                  field.setErrorMessage(error.message());
                  field.setInvalid(true);
                });
      }
    }
  }

  private static Instant instant(LocalDateTime time) {
    return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
  }

  private void verify() {
    AuditVerification result = audit.verify();
    verification.setText(result.summary());
    verification.getElement().setAttribute("title", result.summary());
    verification.setClassName("dlab-status");
    verification.addClassName(result.intact() ? "dlab-status-succeeded" : "dlab-status-failed");
    // the entries the check read, with any written since the grid was filled
    grid.getDataProvider().refreshAll();
  }

  private DownloadHandler exportDownload() {
    return event -> {
      event.setFileName("audit-log.jsonl");
      event.setContentType("application/x-ndjson;charset=UTF-8");
      audit.export(query, event.getOutputStream());
    };
  }
}
