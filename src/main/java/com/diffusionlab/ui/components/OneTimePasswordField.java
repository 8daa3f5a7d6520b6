package com.diffusionlab.ui.components;

import com.diffusionlab.identity.PasswordPolicy;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import java.util.function.Supplier;

/**
 * A one-time password an administrator sets for a user: typed, or generated to pass the policy and
 * shown once here to be copied (it is stored only as a hash).
 */
public final class OneTimePasswordField extends VerticalLayout {

  private final PasswordField password = new PasswordField("One-time password");
  private final Span shown = new Span();

  /**
   * @param username whose password it is, so that a generated one never contains the name
   */
  public OneTimePasswordField(PasswordPolicy policy, Supplier<String> username) {
    setPadding(false);
    setSpacing(false);
    password.setId("one-time-password");
    password.setWidth("20em");
    password.setHelperText(
        "at least "
            + PasswordPolicy.MIN_LENGTH
            + " characters, not containing the username, not a common password;"
            + " to be changed at the first sign-in");
    Button generate =
        new Button(
            "Generate",
            click -> {
              String generated = policy.generate(username.get());
              password.setValue(generated);
              shown.setText(generated);
              shown.getParent().ifPresent(parent -> parent.setVisible(true));
            });
    generate.setId("generate-password");
    generate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout row = new HorizontalLayout(password, generate);
    row.setAlignItems(FlexComponent.Alignment.BASELINE);
    shown.setId("generated-password");
    shown.addClassName("dlab-mono");
    HorizontalLayout note =
        new HorizontalLayout(new Span("Copy it now, it is not shown again:"), shown);
    note.setVisible(false);
    add(row, note);
  }

  public PasswordField field() {
    return password;
  }

  public String value() {
    return password.getValue();
  }
}
