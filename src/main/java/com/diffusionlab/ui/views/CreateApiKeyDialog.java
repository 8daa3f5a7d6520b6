package com.diffusionlab.ui.views;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.ApiKeyScope;
import com.diffusionlab.identity.ApiKeyService;
import com.diffusionlab.identity.IssuedApiKey;
import com.diffusionlab.ui.components.InlineErrors;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Creates an API key with a name and a scope, then shows its secret once, with a copy button: the
 * workspace keeps only its hash, so it cannot be shown again.
 */
class CreateApiKeyDialog extends Dialog {

  CreateApiKeyDialog(ApiKeyService keys, Runnable created) {
    setHeaderTitle("Create API key");
    setWidth("44rem");
    setMaxWidth("95vw");
    TextField name = new TextField("Name");
    name.setId("new-key-name");
    name.setHelperText(
        "What uses it, e.g. nightly sweep; "
            + ApiKeyService.MAX_NAME_LENGTH
            + " characters at most");
    name.setWidthFull();
    RadioButtonGroup<ApiKeyScope> scope = new RadioButtonGroup<>("Scope");
    scope.setId("new-key-scope");
    scope.setItems(keys.scopesAllowed());
    scope.setItemLabelGenerator(CreateApiKeyDialog::describe);
    scope.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
    scope.setValue(ApiKeyScope.READ);
    InlineErrors errors = new InlineErrors().field("name", name).field("scope", scope);
    VerticalLayout form = new VerticalLayout(name, scope, errors.other());
    form.setPadding(false);
    add(form);
    Button create = new Button("Create key");
    create.setId("create-key-confirm");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button cancel = new Button("Cancel", click -> close());
    create.addClickListener(
        click -> {
          errors.clear();
          try {
            IssuedApiKey issued = keys.create(name.getValue(), scope.getValue());
            created.run();
            showSecret(issued);
          } catch (InvalidRequestException refused) {
            errors.show(refused);
          }
        });
    getFooter().add(cancel, create);
  }

  private static String describe(ApiKeyScope scope) {
    return switch (scope) {
      case READ -> "Read: looks only (GET)";
      case GENERATE -> "Generate: also submits, replays, cancels, tags, annotates, exports";
      case ADMIN -> "Admin: everything your role allows";
    };
  }

  private void showSecret(IssuedApiKey issued) {
    removeAll();
    getFooter().removeAll();
    setHeaderTitle("API key “" + issued.key().name() + "” created");
    setCloseOnOutsideClick(false);
    // text, not a field: nothing of it is scrolled out of view or cut, one click selects it all
    Span secret = new Span(issued.secret());
    secret.setId("new-key-secret");
    secret.addClassName("dlab-secret");
    Button copy = new Button("Copy", VaadinIcon.COPY_O.create());
    copy.setId("copy-key-secret");
    copy.addClickListener(click -> copy(issued.secret()));
    HorizontalLayout row = new HorizontalLayout(secret, copy);
    row.setWidthFull();
    row.setAlignItems(FlexComponent.Alignment.CENTER);
    row.expand(secret);
    Paragraph warning =
        new Paragraph(
            "Copy it now: you will not see it again. The workspace keeps only its hash; if it is"
                + " lost, revoke the key and create another.");
    warning.setId("new-key-warning");
    warning.addClassName("dlab-form-error");
    add(new VerticalLayout(warning, row));
    Button done = new Button("Done", click -> close());
    done.setId("new-key-done");
    done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(done);
  }

  private void copy(String secret) {
    UI.getCurrent()
        .getPage()
        .executeJs("return navigator.clipboard.writeText($0).then(() => true, () => false)", secret)
        .then(
            Boolean.class,
            copied ->
                Notification.show(
                    copied
                        ? "Copied to the clipboard"
                        : "The browser did not allow copying: select the secret and copy it",
                    4000,
                    Notification.Position.BOTTOM_START));
  }
}
