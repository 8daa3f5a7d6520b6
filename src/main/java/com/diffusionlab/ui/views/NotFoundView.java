package com.diffusionlab.ui.views;

import com.diffusionlab.ui.MainLayout;
import com.vaadin.flow.component.HasComponents;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;

/**
 * What an unknown address, or a run, experiment or sweep that does not exist or may not be seen,
 * shows: a message inside the workspace frame, with the navigation and links back. Vaadin sends
 * views that are denied here too, so a hidden object reads the same as a missing one.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends RouteNotFoundError implements HasComponents, HasDynamicTitle {

  @Override
  public int setErrorParameter(
      BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
    removeAll();
    addClassName("dlab-not-found");
    setId("not-found");
    String message =
        parameter.getCaughtException() instanceof ObjectNotFound missing
            ? missing.getMessage()
            : "There is no page at /" + event.getLocation().getPathWithQueryParameters() + ".";
    Paragraph text = new Paragraph(message);
    text.setId("not-found-message");
    RouterLink playground = new RouterLink("Go to the Playground", PlaygroundView.class);
    playground.setId("not-found-playground");
    RouterLink runs = new RouterLink("Browse your runs", RunsView.class);
    runs.setId("not-found-runs");
    Div links = new Div(playground, runs);
    links.addClassName("dlab-not-found-links");
    add(
        new H2("Not found"),
        text,
        new Paragraph(
            "Check the address, or find what you were looking for from the navigation or one of"
                + " these:"),
        links);
    return HttpStatusCode.NOT_FOUND.getCode();
  }

  @Override
  public String getPageTitle() {
    return "Not found · Diffusion Lab";
  }
}
