package com.diffusionlab.ui.views;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.identity.Usernames;
import com.diffusionlab.ui.components.InlineErrors;
import com.diffusionlab.ui.components.OneTimePasswordField;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;

/** Adds a user with a role and a one-time password, typed or generated. */
class AddUserDialog extends Dialog {

  AddUserDialog(IdentityService identity, PasswordPolicy policy, Consumer<UserAccount> added) {
    setHeaderTitle("Add user");
    TextField username = new TextField("Username");
    username.setId("new-username");
    username.setHelperText(Usernames.ALLOWED);
    username.setWidth("20em");
    Select<Role> role = new Select<>();
    role.setLabel("Role");
    role.setId("new-role");
    role.setItems(Role.values());
    role.setItemLabelGenerator(r -> r.name().toLowerCase());
    role.setValue(Role.RESEARCHER);
    OneTimePasswordField password = new OneTimePasswordField(policy, username::getValue);
    InlineErrors errors =
        new InlineErrors()
            .field("username", username)
            .field("role", role)
            .field("password", password.field());
    add(new VerticalLayout(username, role, password, errors.other()));
    Button create =
        new Button(
            "Add user",
            click -> {
              try {
                UserAccount account =
                    identity.create(username.getValue(), password.value(), role.getValue());
                close();
                added.accept(account);
              } catch (InvalidRequestException refused) {
                errors.show(refused);
              }
            });
    create.setId("create-user");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", click -> close()), create);
  }
}
