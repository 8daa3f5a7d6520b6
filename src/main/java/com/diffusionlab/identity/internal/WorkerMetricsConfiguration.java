package com.diffusionlab.identity.internal;

import com.diffusionlab.MetricsProperties;
import com.diffusionlab.WorkerMetricsServer;
import com.diffusionlab.identity.Role;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A worker-only node ({@code dlab worker}) has no web server, so Actuator cannot serve its metrics:
 * with {@code DLAB_METRICS_PORT} set it serves them itself ({@link WorkerMetricsServer}), to the
 * workspace's administrators, as a web node does: the same accounts and roles, the same password
 * check.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnNotWebApplication
class WorkerMetricsConfiguration {

  @Bean
  SmartLifecycle workerMetrics(
      MetricsProperties properties,
      ObjectProvider<PrometheusMeterRegistry> registry,
      UserDetailsService users,
      PasswordEncoder passwords,
      ObjectProvider<AuthenticationEventPublisher> events) {
    return new SmartLifecycle() {
      private WorkerMetricsServer server;

      @Override
      public synchronized void start() {
        PrometheusMeterRegistry prometheus = registry.getIfAvailable();
        if (properties.workerPort() == null || prometheus == null) {
          return;
        }
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        ProviderManager authentication = new ProviderManager(provider);
        events.ifAvailable(authentication::setAuthenticationEventPublisher);
        server =
            WorkerMetricsServer.start(
                properties.workerPort(), prometheus, authentication, Role.ADMIN.authority());
      }

      @Override
      public synchronized void stop() {
        if (server != null) {
          server.close();
          server = null;
        }
      }

      @Override
      public synchronized boolean isRunning() {
        return server != null;
      }
    };
  }
}
