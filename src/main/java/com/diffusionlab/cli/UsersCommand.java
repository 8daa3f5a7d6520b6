package com.diffusionlab.cli;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.AccountChanges;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.Usernames;
import java.io.Console;
import java.io.IOException;
import java.util.Arrays;
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
 * {@code dlab users}: adds, lists, disables, enables and unlocks users, changes roles and resets
 * passwords, on a running workspace as an administrator, or without {@code --server} in this
 * process on the local data folder, where whoever can read that folder acts as an administrator:
 * the way back in for an operator locked out of the workspace.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = {
      "Manages users: add, list, disable, enable, set-role, unlock, reset-password. With --server (or"
          + " $DLAB_URL) on that workspace as an administrator; without, in this process on the"
          + " local data folder (stop a workspace that uses an H2 database first). Passwords set"
          + " here are one-time: the user changes them at the next sign-in. Prints JSON."
    },
    subcommands = CommandLine.HelpCommand.class)
final class UsersCommand implements Runnable {
  private static final String ONE_TIME_PASSWORD =
      "The one-time password (asked for when not given; --password is the one you sign in to the"
          + " server with).";

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "add", description = "Adds a user with a role and a one-time password.")
  int add(
      @Parameters(paramLabel = "USERNAME", description = Usernames.ALLOWED) String username,
      @Option(
              names = "--role",
              required = true,
              paramLabel = "ROLE",
              description = "ADMIN, RESEARCHER or VIEWER.")
          String role,
      @Option(names = "--one-time-password", paramLabel = "P", description = ONE_TIME_PASSWORD)
          String password,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    Usernames.check("USERNAME", username);
    Role parsed = Role.parse("--role", role);
    String checked = password(username, password);
    return print(server, users -> users.add(username, parsed, checked));
  }

  @Command(name = "list", description = "Lists every user.")
  int list(@Mixin ServerOptions server) throws IOException, InterruptedException {
    return print(server, Directory::list);
  }

  @Command(name = "disable", description = "Disables a user: they can no longer sign in.")
  int disable(@Parameters(paramLabel = "USERNAME") String username, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    return print(server, users -> users.update(username, null, false));
  }

  @Command(name = "enable", description = "Enables a disabled user again.")
  int enable(@Parameters(paramLabel = "USERNAME") String username, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    return print(server, users -> users.update(username, null, true));
  }

  @Command(name = "set-role", description = "Gives a user another role.")
  int setRole(
      @Parameters(index = "0", paramLabel = "USERNAME") String username,
      @Parameters(index = "1", paramLabel = "ROLE", description = "ADMIN, RESEARCHER or VIEWER.")
          String role,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    Role parsed = Role.parse("ROLE", role);
    return print(server, users -> users.update(username, parsed, null));
  }

  @Command(
      name = "unlock",
      description =
          "Unlocks an account that too many failed sign-ins locked, and clears its failed"
              + " sign-ins.")
  int unlock(@Parameters(paramLabel = "USERNAME") String username, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    return print(server, users -> users.unlock(username));
  }

  @Command(
      name = "reset-password",
      description = "Sets a one-time password, to be changed at the next sign-in.")
  int resetPassword(
      @Parameters(paramLabel = "USERNAME") String username,
      @Option(names = "--one-time-password", paramLabel = "P", description = ONE_TIME_PASSWORD)
          String password,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    String checked = password(username, password);
    return print(server, users -> users.reset(username, checked));
  }

  /** The password given, or asked for twice on the terminal; checked against the policy. */
  private String password(String username, String given) {
    String password = given == null ? ask(username) : given;
    new PasswordPolicy().check("--one-time-password", username, password);
    return password;
  }

  private String ask(String username) {
    Console console = System.console();
    if (console == null) {
      throw new InvalidRequestException(
          "--one-time-password",
          "(none)",
          "a password: give --one-time-password, or run in a terminal to be asked");
    }
    char[] first = console.readPassword("One-time password for %s: ", username);
    char[] second = console.readPassword("Again: ");
    try {
      if (first == null || !Arrays.equals(first, second)) {
        throw new InvalidRequestException(
            "--one-time-password", PasswordPolicy.HIDDEN, "the same password typed twice");
      }
      return new String(first);
    } finally {
      Arrays.fill(first == null ? new char[0] : first, ' ');
      Arrays.fill(second == null ? new char[0] : second, ' ');
    }
  }

  /** One action on the users, printed as JSON. */
  private interface Action {
    Object on(Directory users) throws IOException, InterruptedException;
  }

  /** Where the users are: a workspace over REST, or the identity service in this process. */
  private interface Directory {
    Object list() throws IOException, InterruptedException;

    Object add(String username, Role role, String password)
        throws IOException, InterruptedException;

    Object update(String username, Role role, Boolean enabled)
        throws IOException, InterruptedException;

    Object reset(String username, String password) throws IOException, InterruptedException;

    Object unlock(String username) throws IOException, InterruptedException;
  }

  private int print(ServerOptions server, Action action) throws IOException, InterruptedException {
    Object result = server.given() ? remote(server, action) : inProcess(action);
    CliJson.print(spec, result);
    return 0;
  }

  private static Object remote(ServerOptions server, Action action)
      throws IOException, InterruptedException {
    try (ServerClient client = server.client()) {
      return action.on(
          new Directory() {
            @Override
            public Object list() throws IOException, InterruptedException {
              return client.get("/users");
            }

            @Override
            public Object add(String username, Role role, String password)
                throws IOException, InterruptedException {
              return client.postJson(
                  "/users", Map.of("username", username, "role", role, "password", password));
            }

            @Override
            public Object update(String username, Role role, Boolean enabled)
                throws IOException, InterruptedException {
              Map<String, Object> changes = new LinkedHashMap<>();
              changes.put("role", role);
              changes.put("enabled", enabled);
              return client.sendJson("PATCH", "/users/" + path(username), changes);
            }

            @Override
            public Object reset(String username, String password)
                throws IOException, InterruptedException {
              return client.postJson(
                  "/users/" + path(username) + "/password-reset", Map.of("password", password));
            }

            @Override
            public Object unlock(String username) throws IOException, InterruptedException {
              return client.postJson("/users/" + path(username) + "/unlock", Map.of());
            }
          });
    }
  }

  private Object inProcess(Action action) throws IOException, InterruptedException {
    return LocalWorkspace.runAsOperator(
        spec.commandLine().getErr(),
        context -> {
          IdentityService identity = context.getBean(IdentityService.class);
          return action.on(
              new Directory() {
                @Override
                public Object list() {
                  return identity.accounts();
                }

                @Override
                public Object add(String username, Role role, String password) {
                  return identity.create(username, password, role);
                }

                @Override
                public Object update(String username, Role role, Boolean enabled) {
                  return identity.update(username, new AccountChanges(role, enabled));
                }

                @Override
                public Object reset(String username, String password) {
                  return identity.resetPassword(username, password);
                }

                @Override
                public Object unlock(String username) {
                  return identity.unlock(username);
                }
              });
        });
  }

  /** A username in a URL path: checked first, so it needs no escaping. */
  private static String path(String username) {
    Usernames.check("USERNAME", username);
    return username;
  }
}
