package com.diffusionlab.ui.views;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.ui.components.InlineErrors;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Objects;

/**
 * Changes one's own password, the current one required. A user with a one-time password is brought
 * here after signing in and can use nothing else until it is changed.
 */
@Route("password")
@PageTitle("Change password · Diffusion Lab")
@PermitAll
public class ChangePasswordView extends VerticalLayout {

  public ChangePasswordView(IdentityService identity) {
    PasswordField current = new PasswordField("Current password");
    current.setId("current-password");
    PasswordField chosen = new PasswordField("New password");
    chosen.setId("chosen-password");
    chosen.setHelperText(
        "at least "
            + PasswordPolicy.MIN_LENGTH
            + " characters, not containing your username, not a common password");
    PasswordField repeated = new PasswordField("New password again");
    repeated.setId("repeated-password");
    for (PasswordField field : new PasswordField[] {current, chosen, repeated}) {
      field.setWidth("20em");
    }
    InlineErrors errors =
        new InlineErrors().field("currentPassword", current).field("newPassword", chosen);
    Button change =
        new Button(
            "Change password",
            click -> {
              errors.clear();
              repeated.setInvalid(false);
              if (!Objects.equals(chosen.getValue(), repeated.getValue())) {
                repeated.setErrorMessage("the same new password twice");
                repeated.setInvalid(true);
                return;
              }
              try {
                identity.changePassword(current.getValue(), chosen.getValue());
                Notification.show("Password changed", 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                UI.getCurrent().navigate(PlaygroundView.class);
              } catch (InvalidRequestException refused) {
                errors.show(refused);
              }
            });
    change.setId("change-password");
    change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(new H2("Change password"));
    UserAccount me = identity.me();
    if (!me.hasLocalPassword()) {
      Paragraph elsewhere =
          new Paragraph(
              "You sign in through "
                  + me.identityProvider()
                  + ": your password is kept there, and changed there.");
      elsewhere.setId("password-elsewhere");
      add(elsewhere);
      return;
    }
    if (identity.mustChangePassword()) {
      Paragraph oneTime =
          new Paragraph(
              "Your password was set by an administrator for one use: choose your own to go on.");
      oneTime.setId("one-time-notice");
      add(oneTime);
    }
    add(current, chosen, repeated, errors.other(), change);
  }
}
