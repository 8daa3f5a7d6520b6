package com.diffusionlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.identity.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** A worker-only node's metrics: administrators only, by the workspace's own authentication. */
class WorkerMetricsServerTest {

  private static final String PASSWORD = "Copper-Kettle-Harbor-5";

  private final LocalHttp http = new LocalHttp();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AbstractAuthenticationFailureEvent> failures = new ArrayList<>();
  private WorkerMetricsServer server;

  @BeforeEach
  void start() {
    BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(4);
    InMemoryUserDetailsManager users =
        new InMemoryUserDetailsManager(
            User.withUsername("root")
                .password(passwords.encode(PASSWORD))
                .authorities(Role.ADMIN.authority())
                .build(),
            User.withUsername("ada")
                .password(passwords.encode(PASSWORD))
                .authorities(Role.RESEARCHER.authority())
                .build());
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(passwords);
    ProviderManager authentication = new ProviderManager(provider);
    authentication.setAuthenticationEventPublisher(
        new DefaultAuthenticationEventPublisher(
            event -> {
              if (event instanceof AbstractAuthenticationFailureEvent failure) {
                failures.add(failure);
              }
            }));
    Counter.builder("dlab.example").register(registry).increment(3);
    server = WorkerMetricsServer.start(0, registry, authentication, Role.ADMIN.authority());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void servesThePrometheusScrapeToAdministratorsOnly() {
    HttpResponse<String> anonymous = get(WorkerMetricsServer.PATH, null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic "));
    assertThat(get(WorkerMetricsServer.PATH, "root", "wrong").statusCode()).isEqualTo(401);
    assertThat(failures).as("a failed sign-in is published like any other").hasSize(1);
    assertThat(get(WorkerMetricsServer.PATH, "nobody", PASSWORD).statusCode()).isEqualTo(401);
    assertThat(get(WorkerMetricsServer.PATH, "ada", PASSWORD).statusCode()).isEqualTo(403);

    HttpResponse<String> admin = get(WorkerMetricsServer.PATH, "root", PASSWORD);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(admin.body()).contains("dlab_example_total 3.0");

    assertThat(get("/actuator/prometheus/../env", "root", PASSWORD).statusCode()).isEqualTo(404);
    assertThat(get("/actuator/prometheusx", "root", PASSWORD).statusCode()).isEqualTo(404);
    assertThat(get("/actuator/health", "root", PASSWORD).statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path, String user, String password) {
    return http.get(server.port(), path, user, password);
  }
}
