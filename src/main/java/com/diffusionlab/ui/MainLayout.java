package com.diffusionlab.ui;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.ui.views.AuditView;
import com.diffusionlab.ui.views.DevicesView;
import com.diffusionlab.ui.views.ExperimentsView;
import com.diffusionlab.ui.views.ModelsView;
import com.diffusionlab.ui.views.PlaygroundView;
import com.diffusionlab.ui.views.RunsView;
import com.diffusionlab.ui.views.SessionsView;
import com.diffusionlab.ui.views.UsersView;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The workspace frame: navigation on the side, the signed-in user's menu on top. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

  public MainLayout(IdentityService identity, AuthenticationContext authentication) {
    LabUser user = identity.current();
    Span title = new Span("Diffusion Lab");
    title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
    HorizontalLayout bar = new HorizontalLayout(title, new UserMenu(identity, authentication));
    bar.setWidthFull();
    bar.setAlignItems(FlexComponent.Alignment.CENTER);
    bar.expand(title);
    bar.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(new DrawerToggle(), bar);
    SideNav nav = new SideNav();
    nav.addItem(
        new SideNavItem("Playground", PlaygroundView.class),
        new SideNavItem("Runs", RunsView.class),
        new SideNavItem("Experiments", ExperimentsView.class),
        new SideNavItem("Models", ModelsView.class),
        new SideNavItem("Sessions", SessionsView.class),
        new SideNavItem("Devices", DevicesView.class));
    if (user.role() == Role.ADMIN) {
      nav.addItem(new SideNavItem("Users", UsersView.class));
      nav.addItem(new SideNavItem("Audit log", AuditView.class));
    }
    addToDrawer(nav);
  }
}
