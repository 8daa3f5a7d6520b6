package com.diffusionlab.ui.components;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A form's refusals shown where they belong: each field error under the field of that name, with
 * what is allowed; errors for fields the form does not show in one line below it.
 */
public final class InlineErrors {

  private final Map<String, HasValidation> fields = new LinkedHashMap<>();
  private final Span other = new Span();

  public InlineErrors() {
    other.addClassName("dlab-form-error");
    other.setVisible(false);
  }

  /** Shows errors of {@code name} on {@code field}. */
  public InlineErrors field(String name, HasValidation field) {
    fields.put(name, field);
    return this;
  }

  /** Where errors of no listed field appear. */
  public Span other() {
    return other;
  }

  public void clear() {
    fields.values().forEach(field -> field.setInvalid(false));
    other.setVisible(false);
    other.setText("");
  }

  public void show(InvalidRequestException refusal) {
    clear();
    Map<Boolean, List<FieldError>> placed =
        refusal.errors().stream()
            .collect(Collectors.partitioningBy(e -> fields.containsKey(e.field())));
    for (FieldError error : placed.get(true)) {
      HasValidation field = fields.get(error.field());
      field.setErrorMessage("Allowed: " + error.allowed());
      field.setInvalid(true);
    }
    if (!placed.get(false).isEmpty()) {
      show(placed.get(false).stream().map(FieldError::message).collect(Collectors.joining("; ")));
    }
  }

  /** A refusal that concerns no one field. */
  public void show(String message) {
    other.setText(message);
    other.setVisible(true);
  }
}
