package com.diffusionlab.cli;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Where a workspace runs and who signs in: options, else DLAB_URL, DLAB_API_KEY, DLAB_USER,
 * DLAB_PASSWORD. An API key is used when given (by option, or by DLAB_API_KEY unless --user or
 * --password is), else the user's password with HTTP Basic.
 */
final class ServerOptions {
  private static final Pattern API_KEY = Pattern.compile("dlab_[A-Za-z0-9_-]{43}");

  @Option(
      names = "--server",
      description = "Server URL (default $DLAB_URL or http://localhost:8080).")
  String server;

  @Option(names = "--user", description = "User (default $DLAB_USER or admin).")
  String user;

  @Option(names = "--password", description = "Password (default $DLAB_PASSWORD).")
  String password;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "An API key, dlab_… (default $DLAB_API_KEY unless --user or --password is given):"
              + " signs in instead of --user and --password.")
  String apiKey;

  ServerClient client() {
    String url = Optional.ofNullable(server).orElse(env("DLAB_URL", "http://localhost:8080"));
    Optional<String> key = apiKey();
    if (key.isPresent()) {
      return ServerClient.withApiKey(url, key.get());
    }
    return new ServerClient(
        url, userOrDefault(), Optional.ofNullable(password).orElse(env("DLAB_PASSWORD", "")));
  }

  /**
   * The API key to sign in with, checked for its form (never echoed in an error).
   *
   * @throws InvalidRequestException naming {@code --api-key} when it is not a key's form
   */
  private Optional<String> apiKey() {
    Optional<String> key =
        apiKey != null
            ? Optional.of(apiKey)
            : user == null && password == null
                ? Optional.ofNullable(System.getenv("DLAB_API_KEY")).filter(k -> !k.isBlank())
                : Optional.empty();
    key.map(String::strip)
        .filter(k -> !API_KEY.matcher(k).matches())
        .ifPresent(
            malformed -> {
              throw new InvalidRequestException(
                  apiKey != null ? "--api-key" : "DLAB_API_KEY",
                  "(hidden)",
                  "an API key as the workspace shows it once: dlab_ and 43 letters, digits, '-'"
                      + " or '_' (dlab keys create, or API keys in the user menu)");
            });
    return key.map(String::strip);
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
