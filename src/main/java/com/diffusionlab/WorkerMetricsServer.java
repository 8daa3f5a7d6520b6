package com.diffusionlab;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;

/**
 * {@code /actuator/prometheus} of a node without a web server ({@code dlab worker}): the JDK's
 * small HTTP server on a port of its own, HTTP Basic checked by the workspace's authentication (the
 * same accounts, a failure counted and published like any other), for administrators only, as on a
 * web node. Every other path answers 404.
 */
public final class WorkerMetricsServer implements AutoCloseable {

  public static final String PATH = "/actuator/prometheus";
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private WorkerMetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves {@code scrape} on {@code port} (0: any free port) to users that {@code authentication}
   * signs in with {@code requiredAuthority}.
   */
  public static WorkerMetricsServer start(
      int port,
      Supplier<String> scrape,
      AuthenticationManager authentication,
      String requiredAuthority) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      server
          .createContext(
              PATH,
              exchange -> {
                try (exchange) {
                  if (!exchange.getRequestURI().getPath().equals(PATH)
                      || !exchange.getRequestMethod().equals("GET")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                  }
                  byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
                  exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                  exchange.sendResponseHeaders(200, body.length);
                  try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                  }
                }
              })
          .setAuthenticator(new AdministratorsOnly(authentication, requiredAuthority));
      server.start();
      return new WorkerMetricsServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on port " + port, e);
    }
  }

  /** Serves a Prometheus registry's scrape. */
  public static WorkerMetricsServer start(
      int port,
      PrometheusMeterRegistry registry,
      AuthenticationManager authentication,
      String requiredAuthority) {
    return start(port, registry::scrape, authentication, requiredAuthority);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** HTTP Basic: 401 without valid credentials, 403 for a user without the authority. */
  private static final class AdministratorsOnly extends Authenticator {
    private static final String REALM = "Diffusion Lab";

    private final AuthenticationManager authentication;
    private final String requiredAuthority;

    AdministratorsOnly(AuthenticationManager authentication, String requiredAuthority) {
      this.authentication = authentication;
      this.requiredAuthority = requiredAuthority;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
      String header = exchange.getRequestHeaders().getFirst("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return signIn(exchange);
      }
      String credentials;
      try {
        credentials =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return signIn(exchange);
      }
      int colon = credentials.indexOf(':');
      if (colon < 0) {
        return signIn(exchange);
      }
      String username = credentials.substring(0, colon);
      Authentication user;
      try {
        user =
            authentication.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(
                    username, credentials.substring(colon + 1)));
      } catch (AuthenticationException e) {
        return signIn(exchange);
      }
      boolean allowed =
          user.getAuthorities().stream()
              .map(GrantedAuthority::getAuthority)
              .anyMatch(requiredAuthority::equals);
      return allowed ? new Success(new HttpPrincipal(username, REALM)) : new Failure(403);
    }

    private static Result signIn(HttpExchange exchange) {
      exchange
          .getResponseHeaders()
          .set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
      return new Retry(401);
    }
  }
}
