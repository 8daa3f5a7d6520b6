package com.diffusionlab.cli;

import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.ApiKeyScope;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dlab keys}: creates, lists and revokes the signed-in user's API keys on a running
 * workspace, under the rules of the UI and the REST API.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "API keys for scripts: create, list, revoke, on the workspace at --server (or $DLAB_URL)"
          + " as --user or with --api-key. A new key's secret is printed once; use it as"
          + " --api-key or $DLAB_API_KEY (Authorization: Bearer). Prints JSON."
    },
    subcommands = CommandLine.HelpCommand.class)
final class KeysCommand implements Runnable {

  /** The API's field names as this command's options. */
  private static final OptionNames OPTIONS =
      new OptionNames(Map.of("name", "--name", "scope", "--scope"));

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "create", description = "Creates a key and prints it with its secret, once.")
  int create(
      @Option(
              names = "--name",
              required = true,
              paramLabel = "NAME",
              description = "What uses it: 1 to 64 characters.")
          String name,
      @Option(
              names = "--scope",
              defaultValue = "READ",
              paramLabel = "SCOPE",
              description =
                  "READ (GET only), GENERATE (also submit, replay, cancel, tag, annotate, export)"
                      + " or ADMIN (all your role allows); default ${DEFAULT-VALUE}.")
          String scope,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    ApiKeyScope checked = ApiKeyScope.parse("--scope", scope);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("scope", checked);
    Object created = remote(server, client -> client.postJson("/keys", body));
    spec.commandLine()
        .getErr()
        .println(
            "The secret is shown this once; keep it where the script finds it (DLAB_API_KEY).");
    return print(created);
  }

  @Command(name = "list", description = "Lists your keys (no secrets); --all: everyone's (admins).")
  int list(
      @Option(names = "--all", description = "Every user's keys (administrators).") boolean all,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    return print(remote(server, client -> client.get(all ? "/keys?all=true" : "/keys")));
  }

  @Command(
      name = "revoke",
      description = "Revokes a key (yours, or anyone's for admins): it stops working at once.")
  int revoke(@Parameters(paramLabel = "ID") String id, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checked = id(id);
    return print(
        remote(
            server,
            client -> {
              client.delete("/keys/" + checked);
              return Map.of("revoked", checked);
            }));
  }

  /** One call on the workspace. */
  private interface Call {
    Object on(ServerClient client) throws IOException, InterruptedException;
  }

  private static Object remote(ServerOptions server, Call call)
      throws IOException, InterruptedException {
    if (!server.given()) {
      throw new EngineException(
          "dlab keys works on a running workspace: give --server or set DLAB_URL");
    }
    try (ServerClient client = server.client()) {
      return call.on(client);
    } catch (ServerRefusal refused) {
      throw OPTIONS.named(refused.inCommandTerms());
    }
  }

  private int print(Object result) {
    CliJson.print(spec, result);
    return 0;
  }

  private static long id(String given) {
    try {
      return Long.parseLong(given.strip());
    } catch (NumberFormatException notANumber) {
      throw new InvalidRequestException("ID", given, "a key's id, a whole number (dlab keys list)");
    }
  }
}
