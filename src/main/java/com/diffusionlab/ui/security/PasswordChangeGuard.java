package com.diffusionlab.ui.security;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.ui.views.ChangePasswordView;
import com.diffusionlab.ui.views.LoginView;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * A user with a one-time password sees the change-password view and nothing else until they have
 * changed it: every navigation elsewhere is forwarded there. The REST API refuses such a user the
 * same way.
 */
@Component
class PasswordChangeGuard implements VaadinServiceInitListener {

  private final IdentityService identity;

  PasswordChangeGuard(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public void serviceInit(ServiceInitEvent event) {
    event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::guard));
  }

  private void guard(BeforeEnterEvent event) {
    Class<?> target = event.getNavigationTarget();
    if (target != ChangePasswordView.class
        && target != LoginView.class
        && identity.mustChangePassword()) {
      event.forwardTo(ChangePasswordView.class);
    }
  }
}
