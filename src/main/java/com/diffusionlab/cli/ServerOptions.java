package com.diffusionlab.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a workspace runs and who signs in: options, else DLAB_URL, DLAB_USER, DLAB_PASSWORD. */
final class ServerOptions {

  @Option(
      names = "--server",
      description = "Server URL (default $DLAB_URL or http://localhost:8080).")
  String server;

  @Option(names = "--user", description = "User (default $DLAB_USER or admin).")
  String user;

  @Option(names = "--password", description = "Password (default $DLAB_PASSWORD).")
  String password;

  ServerClient client() {
    return new ServerClient(
        Optional.ofNullable(server).orElse(env("DLAB_URL", "http://localhost:8080")),
        userOrDefault(),
        Optional.ofNullable(password).orElse(env("DLAB_PASSWORD", "")));
  }

  /** Whether a server was named, by option or environment. */
  boolean given() {
    return server != null || !env("DLAB_URL", "").isEmpty();
  }

  String userOrDefault() {
    return Optional.ofNullable(user).orElse(env("DLAB_USER", "admin"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
