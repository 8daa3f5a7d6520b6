package com.diffusionlab.cli;

import com.diffusionlab.engine.InvalidRequestException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dlab} command line. */
@Command(
    name = "dlab",
    mixinStandardHelpOptions = true,
    versionProvider = EngineVersion.class,
    description = "Diffusion Lab: Stable Diffusion-family image generation on the JVM, tracked.",
    subcommands = {
      ServeCommand.class,
      WorkerCommand.class,
      GenerateCommand.class,
      ReplayCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      SweepCommand.class,
      UsersCommand.class,
      AuditCommand.class,
      SessionsCommand.class,
      KeysCommand.class,
      ModelsCommand.class,
      InspectCommand.class,
      NoiseCommand.class,
      BenchCommand.class,
      BenchQueueCommand.class,
      BenchLoadCommand.class,
      TrainTinyCommand.class,
      EvalCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DlabCommand implements Runnable {

  /** Bad input the engine found: the usage error code, as picocli uses for bad options. */
  static final int EXIT_USAGE = 2;

  /** A failure that is not the caller's input (unreadable model, engine error). */
  static final int EXIT_FAILURE = 1;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // the jar with no command is the web workspace
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    Integer exit = commandLine().execute(effective);
    // a workspace or a worker keeps running on its own threads
    boolean keepsRunning = effective[0].equals("serve") || effective[0].equals("worker");
    if (!(keepsRunning && exit == 0)) {
      System.exit(exit);
    }
  }

  /** The configured command line, also used by tests. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new DlabCommand());
    commandLine.setExecutionExceptionHandler(
        (exception, cli, parseResult) -> {
          cli.getErr().println("dlab: " + exception.getMessage());
          return exception instanceof InvalidRequestException ? EXIT_USAGE : EXIT_FAILURE;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
