package com.diffusionlab.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** The page shell: Lumo styles, the project's own styles, and server push for live progress. */
@Push
@StyleSheet(Lumo.STYLESHEET)
// served from META-INF/resources, as Vaadin 25 wants plain stylesheets
@StyleSheet("styles/diffusion-lab.css")
public class AppShell implements AppShellConfigurator {
  @Override
  public void configurePage(AppShellSettings settings) {
    settings.setPageTitle("Diffusion Lab");
    settings.addFavIcon("icon", "icons/favicon.svg", "any");
  }
}
