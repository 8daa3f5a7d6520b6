package com.diffusionlab.cli;

import com.diffusionlab.compare.GridLayout;
import com.diffusionlab.compare.SweepGridImages;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.scheduling.Sweep;
import com.diffusionlab.scheduling.SweepDefinitionException;
import com.diffusionlab.scheduling.SweepGrid;
import com.diffusionlab.scheduling.SweepPlan;
import com.diffusionlab.scheduling.SweepService;
import com.diffusionlab.scheduling.SweepYaml;
import com.diffusionlab.tracking.RunStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dlab sweep}: runs a sweep definition, in this process on the local data folder, or with
 * {@code --server} on a running workspace. Either way its cells are tracked runs of its experiment.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a sweep (X/Y/Z grid) from a YAML definition, e.g. experiments/guidance-steps.yaml."
          + " Without --server (and $DLAB_URL) it starts the workspace in this process on the local"
          + " data folder and runs it there; with --server it launches it on that workspace."
          + " The whole sweep is checked and estimated first; progress lines go to stderr, a JSON"
          + " summary to stdout. Exit status 0 when every cell succeeded, 1 otherwise."
    })
final class SweepCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server = new ServerOptions();

  @Parameters(paramLabel = "FILE", description = "The sweep definition (YAML).")
  private Path file;

  @Option(names = "--plan", description = "Check and estimate only; queue nothing.")
  private boolean planOnly;

  @Option(names = "--grid", description = "Write the grid as one labelled PNG here.")
  private Path gridFile;

  @Option(
      names = "--cell",
      defaultValue = "256",
      description = "Pixels per grid cell side, 8 to 4096 (default ${DEFAULT-VALUE}).")
  private int cell;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (cell < GridLayout.MIN_CELL || cell > GridLayout.MAX_CELL) {
      throw new InvalidRequestException(
          "--cell", cell, GridLayout.MIN_CELL + " to " + GridLayout.MAX_CELL + " pixels");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidRequestException("FILE", file, "a sweep definition (YAML) that exists");
    }
    String yaml = Files.readString(file, StandardCharsets.UTF_8);
    try {
      SweepYaml.parse(yaml);
    } catch (SweepDefinitionException e) {
      throw new InvalidRequestException(file.toString(), "", e.getMessage());
    }
    return server.given() ? remote(yaml) : inProcess(yaml);
  }

  /** Where the sweep runs: a workspace over REST, or the services in this process. */
  private interface Workspace {
    SweepPlan plan(String yaml) throws IOException, InterruptedException;

    Sweep launch(String yaml) throws IOException, InterruptedException;

    SweepGrid grid(long id) throws IOException, InterruptedException;

    void gridPng(long id, int cellSize, OutputStream out) throws IOException, InterruptedException;
  }

  private Integer remote(String yaml) throws IOException, InterruptedException {
    try (ServerClient client = server.client()) {
      return run(
          yaml,
          new Workspace() {
            @Override
            public SweepPlan plan(String definition) throws IOException, InterruptedException {
              return client.as(
                  client.post("/sweeps/plans", "application/yaml", definition), SweepPlan.class);
            }

            @Override
            public Sweep launch(String definition) throws IOException, InterruptedException {
              return client.as(client.post("/sweeps", "application/yaml", definition), Sweep.class);
            }

            @Override
            public SweepGrid grid(long id) throws IOException, InterruptedException {
              return client.as(client.get("/sweeps/" + id), SweepGrid.class);
            }

            @Override
            public void gridPng(long id, int cellSize, OutputStream out)
                throws IOException, InterruptedException {
              client.download(
                  "/sweeps/" + id + "/grid.png?cell=" + cellSize,
                  out,
                  ServerClient.Progress.lines(spec.commandLine().getErr(), "grid"));
            }
          });
    }
  }

  private Integer inProcess(String yaml) throws IOException, InterruptedException {
    try (ConfigurableApplicationContext context =
        LocalWorkspace.start(spec.commandLine().getErr(), true)) {
      // the local process reads the data folder itself: it acts as the named user
      LocalWorkspace.signInAs(context.getBean(IdentityService.class), server.userOrDefault());
      SweepService sweeps = context.getBean(SweepService.class);
      SweepGridImages gridImages = context.getBean(SweepGridImages.class);
      return run(
          yaml,
          new Workspace() {
            @Override
            public SweepPlan plan(String definition) {
              return sweeps.plan(definition);
            }

            @Override
            public Sweep launch(String definition) {
              return sweeps.launch(definition);
            }

            @Override
            public SweepGrid grid(long id) {
              return sweeps.grid(id);
            }

            @Override
            public void gridPng(long id, int cellSize, OutputStream out) throws IOException {
              gridImages.write(id, cellSize, out);
            }
          });
    } finally {
      LocalWorkspace.signOut();
    }
  }

  /** Plans, launches and follows the sweep until it ends, with progress lines. */
  private Integer run(String yaml, Workspace workspace) throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    SweepPlan plan = workspace.plan(yaml);
    err.println(estimate(plan));
    err.flush();
    if (!plan.fits()) {
      throw new InvalidRequestException("sweep", file, plan.problem());
    }
    if (planOnly) {
      CliJson.print(spec, plan.estimate());
      return 0;
    }
    Sweep sweep = workspace.launch(yaml);
    SweepGrid grid = workspace.grid(sweep.id());
    long reported = -1;
    while (grid.sweep().status().equals("RUNNING")) {
      reported = progress(err, sweep.id(), grid.finished(), grid.cells().size(), reported);
      Thread.sleep(Duration.ofMillis(500));
      grid = workspace.grid(sweep.id());
    }
    progress(err, sweep.id(), grid.finished(), grid.cells().size(), reported);
    long succeeded = grid.cells().stream().filter(c -> c.status() == RunStatus.SUCCEEDED).count();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("sweep", sweep.id());
    summary.put("status", grid.sweep().status());
    summary.put("experiment", sweep.experimentId());
    summary.put("cells", grid.cells().size());
    summary.put("succeeded", succeeded);
    if (grid.sweep().error() != null) {
      summary.put("error", grid.sweep().error());
    }
    if (gridFile != null) {
      Path absolute = gridFile.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      try (OutputStream out = Files.newOutputStream(absolute)) {
        workspace.gridPng(sweep.id(), cell, out);
      }
      summary.put("grid", gridFile.toString());
    }
    CliJson.print(spec, summary);
    return grid.sweep().status().equals("FINISHED") && succeeded == grid.cells().size()
        ? 0
        : DlabCommand.EXIT_FAILURE;
  }

  private static long progress(PrintWriter err, long id, long done, int cells, long reported) {
    if (done != reported) {
      err.printf("sweep %d: %d/%d cells finished%n", id, done, cells);
      err.flush();
    }
    return done;
  }

  private static String estimate(SweepPlan plan) {
    return String.format(
        Locale.ROOT,
        "%d cells · about %.0f s · %.1f device-seconds · cost %.4f · peak memory %.0f MB",
        plan.estimate().cells(),
        plan.estimate().seconds(),
        plan.estimate().deviceSeconds(),
        plan.estimate().cost(),
        plan.estimate().peakMemoryBytes() / 1e6);
  }
}
