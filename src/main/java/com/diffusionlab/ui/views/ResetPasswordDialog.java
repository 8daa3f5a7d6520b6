package com.diffusionlab.ui.views;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.ui.components.InlineErrors;
import com.diffusionlab.ui.components.OneTimePasswordField;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.function.Consumer;

/** Sets a one-time password for a user, who must change it at their next sign-in. */
class ResetPasswordDialog extends Dialog {

  ResetPasswordDialog(
      IdentityService identity,
      PasswordPolicy policy,
      String username,
      Consumer<UserAccount> done) {
    setHeaderTitle("Reset the password of " + username);
    OneTimePasswordField password = new OneTimePasswordField(policy, () -> username);
    InlineErrors errors = new InlineErrors().field("password", password.field());
    add(
        new VerticalLayout(
            new Paragraph(
                username + " signs in with this password once and must then choose their own."),
            password,
            errors.other()));
    Button reset =
        new Button(
            "Set one-time password",
            click -> {
              try {
                UserAccount account = identity.resetPassword(username, password.value());
                close();
                done.accept(account);
              } catch (InvalidRequestException refused) {
                errors.show(refused);
              }
            });
    reset.setId("confirm-reset");
    reset.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", click -> close()), reset);
  }
}
