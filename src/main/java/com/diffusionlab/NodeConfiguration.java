package com.diffusionlab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who this process is in the workspace, from {@code DLAB_NODE_NAME} (default: the host name),
 * {@code DLAB_WORKER_SLOTS}, {@code DLAB_WEB_WORKER} and the command that started it ({@code dlab
 * serve} or {@code dlab worker}, which sets {@code dlab.node.role}).
 */
@Configuration(proxyBeanMethods = false)
public class NodeConfiguration {

  @Bean
  LabNode labNode(
      @Value("${dlab.node.name:}") String name,
      @Value("${dlab.node.role:web}") String role,
      @Value("${dlab.worker.slots:1}") String slots,
      @Value("${dlab.worker.on-web-node:true}") String webWorker) {
    boolean web =
        switch (role) {
          case "web" -> true;
          case "worker" -> false;
          default ->
              throw new IllegalArgumentException(
                  "dlab.node.role='" + role + "' is not allowed: web or worker");
        };
    boolean webRunsJobs =
        switch (webWorker.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "true" -> true;
          case "false" -> false;
          default ->
              throw new IllegalArgumentException(
                  "DLAB_WEB_WORKER='" + webWorker + "' is not allowed: true or false");
        };
    return new LabNode(
        name.isBlank() ? hostName() : name.strip(), web, !web || webRunsJobs, slots(slots));
  }

  private static int slots(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "DLAB_WORKER_SLOTS='"
              + value
              + "' is not allowed: a whole number from 1 to "
              + LabNode.MAX_SLOTS);
    }
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
