package com.diffusionlab.ui;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Theme;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.ui.views.ApiKeysView;
import com.diffusionlab.ui.views.ChangePasswordView;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Locale;

/**
 * The top bar's user part: who is signed in, the light/dark toggle (kept with the user, applied
 * when the frame attaches), one's API keys, changing one's password, signing out.
 */
public class UserMenu extends HorizontalLayout {

  private final IdentityService identity;
  private final Button themeToggle = new Button();
  private Theme theme;

  public UserMenu(IdentityService identity, AuthenticationContext authentication) {
    this.identity = identity;
    UserAccount me = identity.me();
    theme = me.theme();
    Span who = new Span(me.username() + " · " + me.role().name().toLowerCase(Locale.ROOT));
    who.setId("current-user");
    themeToggle.setId("theme-toggle");
    themeToggle.addClickListener(click -> toggle());
    Button password =
        new Button("Change password", click -> UI.getCurrent().navigate(ChangePasswordView.class));
    password.setId("change-password-link");
    Button keys = new Button("API keys", click -> UI.getCurrent().navigate(ApiKeysView.class));
    keys.setId("api-keys-link");
    Button signOut = new Button("Sign out", click -> authentication.logout());
    signOut.setId("sign-out");
    for (Button button : new Button[] {themeToggle, keys, password, signOut}) {
      button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    }
    // the identity provider keeps the password of those who sign in through it
    password.setVisible(me.hasLocalPassword());
    setAlignItems(FlexComponent.Alignment.CENTER);
    add(who, themeToggle, keys, password, signOut);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    apply(attach.getUI());
  }

  private void toggle() {
    theme = identity.setTheme(theme.other()).theme();
    getUI().ifPresent(this::apply);
  }

  private void apply(UI ui) {
    ui.getPage()
        .setColorScheme(theme == Theme.DARK ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
    themeToggle.setIcon((theme == Theme.DARK ? VaadinIcon.SUN_O : VaadinIcon.MOON_O).create());
    String label = "Switch to the " + theme.other().lowerCase() + " theme";
    themeToggle.setAriaLabel(label);
    themeToggle.setTooltipText(label);
  }
}
