package com.diffusionlab.ui.views;

import com.diffusionlab.identity.IdentityProviderSignIn;
import com.diffusionlab.identity.SignInRefusedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.WebAttributes;

/** Sign in: with a password, or through the company's identity provider when configured. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Diffusion Lab")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final LoginForm login = new LoginForm();
  private final Paragraph providerError = new Paragraph();

  public LoginView(ObjectProvider<IdentityProviderSignIn> identityProvider) {
    setSizeFull();
    setAlignItems(Alignment.CENTER);
    setJustifyContentMode(JustifyContentMode.CENTER);
    login.setAction("login");
    login.setForgotPasswordButtonVisible(false);
    add(
        new H1("Diffusion Lab"),
        new Paragraph("Every image tracked; anything tracked reproducible."),
        login);
    identityProvider.ifAvailable(this::offer);
  }

  private void offer(IdentityProviderSignIn provider) {
    Button button = new Button("Sign in with " + provider.displayName());
    button.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
    button.setWidth("100%");
    // a real link: the sign-in leaves the workspace for the provider's page
    Anchor link = new Anchor(provider.startPath(), button);
    link.setId("provider-sign-in");
    link.getElement().setAttribute("router-ignore", true);
    link.setWidth("var(--vaadin-login-form-width, 20em)");
    link.getStyle().set("max-width", "calc(100% - 2 * var(--lumo-space-l))");
    providerError.setId("provider-error");
    providerError.getStyle().set("max-width", "28em").set("color", "var(--lumo-error-text-color)");
    providerError.setVisible(false);
    add(link, providerError);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var parameters = event.getLocation().getQueryParameters().getParameters();
    boolean failed = parameters.containsKey("error");
    LoginI18n i18n = LoginI18n.createDefault();
    if (failed) {
      throttled()
          .ifPresent(
              refused -> {
                i18n.getErrorMessage()
                    .setTitle(
                        refused.reason() == SignInRefusedException.Reason.ACCOUNT_LOCKED
                            ? "Account locked"
                            : "Too many failed sign-ins");
                i18n.getErrorMessage().setMessage(refused.getMessage());
              });
    }
    login.setI18n(i18n);
    login.setError(failed);
    if (parameters.containsKey(IdentityProviderSignIn.FAILURE_PARAMETER)) {
      providerFailure()
          .ifPresent(
              reason -> {
                providerError.setText(reason);
                providerError.setVisible(true);
              });
    }
  }

  /** Why the last sign-in was refused, when throttling refused it (the failure handler kept it). */
  private static Optional<SignInRefusedException> throttled() {
    VaadinSession session = VaadinSession.getCurrent();
    return session == null
        ? Optional.empty()
        : Optional.ofNullable(
                session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION))
            .filter(SignInRefusedException.class::isInstance)
            .map(SignInRefusedException.class::cast);
  }

  /** Why the last sign-in through the provider did not succeed, shown once. */
  private static Optional<String> providerFailure() {
    WrappedSession session = VaadinSession.getCurrent().getSession();
    Object reason = session.getAttribute(IdentityProviderSignIn.FAILURE_ATTRIBUTE);
    session.removeAttribute(IdentityProviderSignIn.FAILURE_ATTRIBUTE);
    return Optional.ofNullable(reason).map(Object::toString);
  }
}
