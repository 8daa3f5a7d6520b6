package com.diffusionlab.ui.views;

import com.diffusionlab.identity.SignInRefusedException;
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
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Optional;
import org.springframework.security.web.WebAttributes;

/** Sign in. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Diffusion Lab")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final LoginForm login = new LoginForm();

  public LoginView() {
    setSizeFull();
    setAlignItems(Alignment.CENTER);
    setJustifyContentMode(JustifyContentMode.CENTER);
    login.setAction("login");
    login.setForgotPasswordButtonVisible(false);
    add(
        new H1("Diffusion Lab"),
        new Paragraph("Every image tracked; anything tracked reproducible."),
        login);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
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
}
