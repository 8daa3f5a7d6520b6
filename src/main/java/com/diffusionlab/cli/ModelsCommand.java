package com.diffusionlab.cli;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.governance.ModelApprovalService;
import com.diffusionlab.models.ModelRegistry;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dlab models}: lists model versions with their approval, shows a version's history, and for
 * administrators approves (running the golden-prompt sweep) and retires versions, on a running
 * workspace or in this process on the local data folder, under the rules of the UI and the REST
 * API.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Model versions and their governance: list, history, approve, retire. Everyone lists them and"
          + " reads a version's history; only administrators approve (which runs the golden-prompt"
          + " sweep on the version) and retire them, with a reason. With --server (or $DLAB_URL) on"
          + " that workspace; without, in this process on the local data folder as --user (default"
          + " admin; stop a workspace that uses an H2 database first). Prints JSON."
    },
    subcommands = CommandLine.HelpCommand.class)
final class ModelsCommand implements Runnable {
  private static final String ADMINS_ONLY = "only administrators approve and retire models";
  private static final String REASON =
      "Why (1 to 1000 characters): kept in the version's history and the audit log.";

  /** The reason is this command's option. */
  private static final OptionNames OPTIONS = new OptionNames(Map.of("reason", "--reason"));

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(
      name = "list",
      description = "Lists the registered model versions with their status and approval.")
  int list(@Mixin ServerOptions server) throws IOException, InterruptedException {
    return print(server, Workspace::list);
  }

  @Command(name = "history", description = "Shows a version's approval history, newest first.")
  int history(@Parameters(paramLabel = "ID") String id, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checked = id(id);
    return print(server, models -> models.history(checked));
  }

  @Command(
      name = "approve",
      description =
          "Approves a draft version (admins): every session may run it. Runs the golden-prompt"
              + " sweep on it and attaches it to the approval.")
  int approve(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--reason", required = true, paramLabel = "TEXT", description = REASON)
          String reason,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checked = id(id);
    return print(server, models -> models.approve(checked, reason));
  }

  @Command(
      name = "retire",
      description =
          "Retires an approved version or rejects a draft (admins): no new generation runs it;"
              + " replays of its runs only in sandbox sessions. Final.")
  int retire(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--reason", required = true, paramLabel = "TEXT", description = REASON)
          String reason,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checked = id(id);
    return print(server, models -> models.retire(checked, reason));
  }

  /** One action on the models, printed as JSON. */
  private interface Action {
    Object on(Workspace models) throws IOException, InterruptedException;
  }

  /** Where the models are: a workspace over REST, or the services in this process. */
  private interface Workspace {
    Object list() throws IOException, InterruptedException;

    Object history(long id) throws IOException, InterruptedException;

    Object approve(long id, String reason) throws IOException, InterruptedException;

    Object retire(long id, String reason) throws IOException, InterruptedException;
  }

  private int print(ServerOptions server, Action action) throws IOException, InterruptedException {
    Object result;
    try {
      result = server.given() ? remote(server, action) : inProcess(server, action);
    } catch (InvalidRequestException e) {
      throw OPTIONS.named(e);
    }
    CliJson.print(spec, result);
    return 0;
  }

  private static Object remote(ServerOptions server, Action action)
      throws IOException, InterruptedException {
    try (ServerClient client = server.client()) {
      return action.on(
          new Workspace() {
            @Override
            public Object list() throws IOException, InterruptedException {
              return client.get("/models");
            }

            @Override
            public Object history(long id) throws IOException, InterruptedException {
              return client.get("/models/" + id + "/history");
            }

            @Override
            public Object approve(long id, String reason) throws IOException, InterruptedException {
              return move(client, id, "approve", reason);
            }

            @Override
            public Object retire(long id, String reason) throws IOException, InterruptedException {
              return move(client, id, "retire", reason);
            }
          });
    }
  }

  private static Object move(ServerClient client, long id, String move, String reason)
      throws IOException, InterruptedException {
    try {
      return client.postJson("/models/" + id + "/" + move, Map.of("reason", reason));
    } catch (ServerRefusal refused) {
      throw refused.inCommandTerms(ADMINS_ONLY);
    }
  }

  private Object inProcess(ServerOptions server, Action action)
      throws IOException, InterruptedException {
    return LocalWorkspace.runAs(
        spec.commandLine().getErr(),
        server.userOrDefault(),
        (context, user) -> {
          ModelRegistry registry = context.getBean(ModelRegistry.class);
          ModelApprovalService approvals = context.getBean(ModelApprovalService.class);
          return action.on(
              new Workspace() {
                @Override
                public Object list() {
                  return registry.all();
                }

                @Override
                public Object history(long id) {
                  return approvals.history(id);
                }

                @Override
                public Object approve(long id, String reason) {
                  return LocalWorkspace.adminOnly(
                      user, ADMINS_ONLY, () -> approvals.approve(id, reason));
                }

                @Override
                public Object retire(long id, String reason) {
                  return LocalWorkspace.adminOnly(
                      user, ADMINS_ONLY, () -> approvals.retire(id, reason));
                }
              });
        });
  }

  private static long id(String given) {
    try {
      return Long.parseLong(given);
    } catch (NumberFormatException notANumber) {
      throw new InvalidRequestException("ID", given, "a model version's id, a whole number");
    }
  }
}
