package com.diffusionlab.cli;

import com.diffusionlab.engine.FieldError;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.models.ModelRegistry;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.SessionAction;
import com.diffusionlab.sessions.SessionChanges;
import com.diffusionlab.sessions.SessionService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dlab sessions}: lists and shows playground sessions, and for administrators creates,
 * edits, closes and reopens them, on a running workspace or in this process on the local data
 * folder, under the rules of the UI and the REST API.
 */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    description = {
      "Playground sessions: list, show, create, edit, close, reopen. Everyone lists and shows the"
          + " sessions they can see; only administrators create, edit, close and reopen them."
          + " With --server (or $DLAB_URL) on that workspace; without, in this process on the"
          + " local data folder as --user (default admin; stop a workspace that uses an H2"
          + " database first). Prints JSON."
    },
    subcommands = CommandLine.HelpCommand.class)
final class SessionsCommand implements Runnable {
  private static final String ADMINS_ONLY =
      "only administrators create, edit, close and reopen sessions";

  /** The API's field names as this command's options, for refusals from either side. */
  private static final OptionNames OPTIONS =
      new OptionNames(
          Map.ofEntries(
              Map.entry("sessionId", "ID"),
              Map.entry("name", "--name"),
              Map.entry("owner", "--owner"),
              Map.entry("shared", "--shared"),
              Map.entry("priority", "--priority"),
              Map.entry("budgetDeviceSeconds", "--budget"),
              Map.entry("maxConcurrentJobs", "--max-jobs"),
              Map.entry("maxPixels", "--max-pixels"),
              Map.entry("maxSteps", "--max-steps"),
              Map.entry("maxBatch", "--max-batch"),
              Map.entry("allowedModels", "--model"),
              Map.entry("draftsAllowed", "--allow-drafts")));

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /**
   * The options an administrator sets a session with, as typed: converted before anything is asked.
   */
  static final class SettingOptions {
    @Option(
        names = "--shared",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "true|false",
        description = "Everyone may see and use it (--shared alone: true); false: its owner only.")
    String shared;

    @Option(
        names = "--priority",
        paramLabel = "N",
        description =
            "Weight when sessions wait for the devices, "
                + PlaygroundSession.MIN_PRIORITY
                + " to "
                + PlaygroundSession.MAX_PRIORITY
                + ".")
    String priority;

    @Option(
        names = "--budget",
        paramLabel = "SECONDS",
        description = "Device-seconds it may use in all.")
    String budget;

    @Option(names = "--max-jobs", paramLabel = "N", description = "Jobs queued or running at once.")
    String maxJobs;

    @Option(
        names = "--max-pixels",
        paramLabel = "N",
        description = "Largest image, width × height in pixels (512×512 = 262144).")
    String maxPixels;

    @Option(names = "--max-steps", paramLabel = "N", description = "Most steps per job.")
    String maxSteps;

    @Option(names = "--max-batch", paramLabel = "N", description = "Largest batch per job.")
    String maxBatch;

    @Option(
        names = "--model",
        paramLabel = "NAME|HASH",
        description = "A model the session allows (repeat for more); none: every approved model.")
    List<String> models;

    @Option(
        names = "--allow-drafts",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "true|false",
        description =
            "A sandbox that runs draft model versions and replays runs of retired ones"
                + " (--allow-drafts alone: true); false: approved versions only.")
    String draftsAllowed;

    /** The settings with the given name and owner: every bad value named at once. */
    SessionSettings checked(String name, String owner, List<String> allowedModels) {
      List<FieldError> errors = new ArrayList<>();
      SessionSettings checked =
          new SessionSettings(
              name,
              owner,
              bool(errors, "--shared", shared),
              whole(errors, "--priority", priority),
              number(errors, "--budget", budget),
              whole(errors, "--max-jobs", maxJobs),
              whole(errors, "--max-pixels", maxPixels),
              whole(errors, "--max-steps", maxSteps),
              whole(errors, "--max-batch", maxBatch),
              allowedModels,
              bool(errors, "--allow-drafts", draftsAllowed));
      if (!errors.isEmpty()) {
        throw new InvalidRequestException(errors);
      }
      return checked;
    }
  }

  /**
   * A session's settings as given, converted, still to be judged by the workspace; null fields are
   * not set.
   *
   * @param models names or content hashes; empty for every approved model
   */
  record SessionSettings(
      String name,
      String owner,
      Boolean shared,
      Integer priority,
      Double budget,
      Integer maxJobs,
      Integer maxPixels,
      Integer maxSteps,
      Integer maxBatch,
      List<String> models,
      Boolean draftsAllowed) {

    boolean changesNothing() {
      return name == null
          && shared == null
          && priority == null
          && budget == null
          && maxJobs == null
          && maxPixels == null
          && maxSteps == null
          && maxBatch == null
          && models == null
          && draftsAllowed == null;
    }

    /** The REST API's body: its field names, what is not set left out. */
    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("owner", owner);
      body.put("shared", shared);
      body.put("priority", priority);
      body.put("budgetDeviceSeconds", budget);
      body.put("maxConcurrentJobs", maxJobs);
      body.put("maxPixels", maxPixels);
      body.put("maxSteps", maxSteps);
      body.put("maxBatch", maxBatch);
      body.put("allowedModels", models);
      body.put("draftsAllowed", draftsAllowed);
      body.values().removeIf(value -> value == null);
      return body;
    }

    SessionChanges changes(ModelRegistry registry) {
      return new SessionChanges(
          name,
          shared,
          priority,
          budget,
          maxJobs,
          maxPixels,
          maxSteps,
          maxBatch,
          models == null ? null : registry.contentHashes(models),
          draftsAllowed);
    }
  }

  @Command(name = "list", description = "Lists the sessions you can see (admins: all).")
  int list(@Mixin ServerOptions server) throws IOException, InterruptedException {
    return print(server, Workspace::list);
  }

  @Command(name = "show", description = "Shows a session with what it has used of its budget.")
  int show(@Parameters(paramLabel = "ID") String id, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checked = id(id);
    return print(server, sessions -> sessions.show(checked));
  }

  @Command(
      name = "create",
      description =
          "Creates a session (admins): private to --owner (default: you) unless --shared, with"
              + " the configured default quota where no limit is given, priority 1.")
  int create(
      @Option(
              names = "--name",
              required = true,
              paramLabel = "NAME",
              description = "1 to 120 characters.")
          String name,
      @Option(names = "--owner", paramLabel = "USERNAME", description = "Its owner (default you).")
          String owner,
      @Mixin SettingOptions settings,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    SessionSettings checked = settings.checked(name, owner, settings.models);
    return print(server, sessions -> sessions.create(checked));
  }

  @Command(
      name = "edit",
      description =
          "Changes a session (admins): what is given changes, the rest stays. Lower limits apply"
              + " to jobs submitted from then on.")
  int edit(
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--name", paramLabel = "NAME", description = "1 to 120 characters.")
          String name,
      @Option(names = "--all-models", description = "Allow every approved model again.")
          boolean allModels,
      @Mixin SettingOptions settings,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checkedId = id(id);
    if (allModels && settings.models != null) {
      throw new InvalidRequestException(
          "--all-models", "with --model " + settings.models, "either --all-models or --model");
    }
    SessionSettings checked = settings.checked(name, null, allModels ? List.of() : settings.models);
    if (checked.changesNothing()) {
      throw new InvalidRequestException(
          "options",
          "(no change)",
          "at least one of --name, --shared, --allow-drafts, --priority, --budget, --max-jobs, --max-pixels,"
              + " --max-steps, --max-batch, --model, --all-models");
    }
    return print(server, sessions -> sessions.edit(checkedId, checked));
  }

  @Command(
      name = "close",
      description =
          "Closes a session (admins): it admits no new jobs; its runs stay and its queued jobs"
              + " still run.")
  int close(@Parameters(paramLabel = "ID") String id, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checked = id(id);
    return print(server, sessions -> sessions.close(checked));
  }

  @Command(name = "reopen", description = "Opens a closed session again (admins).")
  int reopen(@Parameters(paramLabel = "ID") String id, @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    long checked = id(id);
    return print(server, sessions -> sessions.reopen(checked));
  }

  /** One action on the sessions, printed as JSON. */
  private interface Action {
    Object on(Workspace sessions) throws IOException, InterruptedException;
  }

  /** Where the sessions are: a workspace over REST, or the session service in this process. */
  private interface Workspace {
    Object list() throws IOException, InterruptedException;

    /** The session and its usage. */
    Object show(long id) throws IOException, InterruptedException;

    Object create(SessionSettings settings) throws IOException, InterruptedException;

    Object edit(long id, SessionSettings changes) throws IOException, InterruptedException;

    Object close(long id) throws IOException, InterruptedException;

    Object reopen(long id) throws IOException, InterruptedException;
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
              return client.get("/sessions");
            }

            @Override
            public Object show(long id) throws IOException, InterruptedException {
              return withUsage(
                  client.get("/sessions/" + id), client.get("/sessions/" + id + "/usage"));
            }

            @Override
            public Object create(SessionSettings settings)
                throws IOException, InterruptedException {
              return change(() -> client.postJson("/sessions", settings.body()));
            }

            @Override
            public Object edit(long id, SessionSettings changes)
                throws IOException, InterruptedException {
              return change(() -> client.sendJson("PATCH", "/sessions/" + id, changes.body()));
            }

            @Override
            public Object close(long id) throws IOException, InterruptedException {
              return change(() -> client.post("/sessions/" + id + "/close"));
            }

            @Override
            public Object reopen(long id) throws IOException, InterruptedException {
              return change(() -> client.post("/sessions/" + id + "/reopen"));
            }
          });
    }
  }

  /** A call that changes a session; the workspace's refusal told in this command's terms. */
  private interface Change {
    Object call() throws IOException, InterruptedException;
  }

  private static Object change(Change change) throws IOException, InterruptedException {
    try {
      return change.call();
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
          SessionService sessions = context.getBean(SessionService.class);
          ModelRegistry models = context.getBean(ModelRegistry.class);
          return action.on(
              new Workspace() {
                @Override
                public Object list() {
                  return sessions.visibleTo(user);
                }

                @Override
                public Object show(long id) {
                  return withUsage(
                      sessions.require(id, user, SessionAction.READ), sessions.usage(id));
                }

                @Override
                public Object create(SessionSettings settings) {
                  return admin(
                      user, () -> sessions.create(settings.owner(), settings.changes(models)));
                }

                @Override
                public Object edit(long id, SessionSettings changes) {
                  return admin(user, () -> sessions.update(id, changes.changes(models)));
                }

                @Override
                public Object close(long id) {
                  return admin(user, () -> sessions.close(id));
                }

                @Override
                public Object reopen(long id) {
                  return admin(user, () -> sessions.reopen(id));
                }
              });
        });
  }

  private static Object admin(LabUser user, Supplier<Object> change) {
    return LocalWorkspace.adminOnly(user, ADMINS_ONLY, change);
  }

  private static Map<String, Object> withUsage(Object session, Object usage) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("session", session);
    shown.put("usage", usage);
    return shown;
  }

  private static long id(String given) {
    try {
      return Long.parseLong(given);
    } catch (NumberFormatException notANumber) {
      throw new InvalidRequestException("ID", given, "a session's id, a whole number");
    }
  }

  private static Boolean bool(List<FieldError> errors, String option, String given) {
    if (given == null) {
      return null;
    }
    return switch (given.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        errors.add(new FieldError(option, given, "true or false (alone: true)"));
        yield null;
      }
    };
  }

  private static Integer whole(List<FieldError> errors, String option, String given) {
    if (given == null) {
      return null;
    }
    try {
      return Integer.valueOf(given.strip());
    } catch (NumberFormatException notANumber) {
      errors.add(new FieldError(option, given, "a whole number"));
      return null;
    }
  }

  private static Double number(List<FieldError> errors, String option, String given) {
    if (given == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(given.strip());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    errors.add(new FieldError(option, given, "a number"));
    return null;
  }
}
