package com.diffusionlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every HTTP route the running workspace has, called without credentials: REST and any other
 * handler mapping Spring MVC holds (the API, the OpenAPI docs, Actuator's endpoints when they are
 * there, the error controller), every Vaadin route and alias, and every static file the
 * application's own classpath serves. None may answer with content (2xx) except those public by
 * design, each listed here with the reason, and static assets (stylesheets, scripts, images,
 * fonts).
 */
class RouteCoverageIT extends WorkspaceTestSupport {

  /** REST routes (their patterns) that answer without credentials, and why. */
  private static final Map<String, String> PUBLIC_REST =
      Map.of(
          "/api/v1/ready",
          "readiness for load balancers and orchestrators: says only whether the workspace serves",
          "/api/problems/{kind}",
          "the documentation of the problem types that error answers link to",
          "/api/docs",
          "the OpenAPI description: the API's shape, no data",
          "/api/docs.yaml",
          "the OpenAPI description in YAML",
          "/api/docs/swagger-config",
          "the configuration of the OpenAPI description's UI",
          "/api/docs/ui",
          "the OpenAPI description's UI (static pages that then read the description)");

  /** Vaadin routes that answer without credentials, and why. */
  private static final Map<String, String> PUBLIC_VIEWS = Map.of("login", "signing in");

  /** What a static asset is; any other static file answering 2xx fails. */
  private static final Set<String> ASSET_TYPES =
      Set.of(
          "css", "js", "mjs", "map", "png", "svg", "ico", "jpg", "gif", "webp", "woff", "woff2",
          "ttf", "gz", "br");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired ServletContext servletContext;

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void noRouteAnswersWithContentWithoutCredentialsExceptThoseListed() throws Exception {
    Map<String, String> answeredWithContent = new TreeMap<>();
    Set<String> answeredPublicly = new TreeSet<>();
    Set<String> restPatterns = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
          restPatterns.add(pattern);
          for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
            int status = call(method.name(), concrete(pattern));
            if (status / 100 == 2 && PUBLIC_REST.containsKey(pattern)) {
              answeredPublicly.add(pattern);
            } else if (status / 100 == 2) {
              answeredWithContent.put(method + " " + pattern, "answered " + status);
            }
          }
        }
      }
    }
    // the enumeration found the application's routes, not nothing
    assertThat(restPatterns)
        .contains("/api/v1/runs/{id}", "/api/v1/artifacts/{sha256}", "/api/v1/ready", "/api/docs");
    assertThat(PUBLIC_REST.keySet()).as("public routes that exist").isSubsetOf(restPatterns);

    List<String> views = new ArrayList<>();
    for (RouteData route :
        ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext))
            .getRegisteredRoutes()) {
      views.add(route.getTemplate());
      route.getRouteAliases().forEach(alias -> views.add(alias.getTemplate()));
    }
    assertThat(views).contains("runs/:id", "login");
    for (String view : views) {
      int status = call("GET", "/" + view.replaceAll(":[^/]+", "1"));
      if (status / 100 == 2 && PUBLIC_VIEWS.containsKey(view)) {
        answeredPublicly.add(view);
      } else if (status / 100 == 2) {
        answeredWithContent.put("view " + view, "answered " + status);
      }
    }

    List<String> statics = staticFiles();
    assertThat(statics).isNotEmpty();
    for (String file : statics) {
      int status = call("GET", file);
      if (status / 100 == 2 && !ASSET_TYPES.contains(extension(file))) {
        answeredWithContent.put("static " + file, "answered " + status);
      }
    }

    // the calls reach the routes: those public by design do answer
    assertThat(answeredPublicly).contains("/api/v1/ready", "/api/docs", "login");
    assertThat(answeredWithContent).as("routes that answered without credentials").isEmpty();
  }

  /** A pattern with each variable filled in: a number, or a hash for a hash. */
  private static String concrete(String pattern) {
    return pattern
        .replaceAll("\\{[^}]*sha[^}]*}", "a".repeat(64))
        .replaceAll("\\{\\*[^}]*}", "x")
        .replaceAll("\\{[^}]*}", "1")
        .replace("**", "x")
        .replace("*", "x");
  }

  /**
   * The files under the application's own static folders ({@code META-INF/resources}, {@code
   * static}, {@code public}, and the production bundle of Vaadin's) as the server serves them.
   */
  private static List<String> staticFiles() throws IOException {
    Path classes = Path.of("target/classes");
    List<String> files = new ArrayList<>();
    for (String root :
        List.of("META-INF/resources", "static", "public", "META-INF/VAADIN/webapp")) {
      Path folder = classes.resolve(root);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> found = Files.walk(folder)) {
        found
            .filter(Files::isRegularFile)
            .map(file -> "/" + folder.relativize(file).toString().replace('\\', '/'))
            .forEach(files::add);
      }
    }
    return files;
  }

  private static String extension(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private int call(String method, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
