package com.diffusionlab.cli;

import com.diffusionlab.engine.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code dlab import}: a bundle into a running workspace. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports a ZIP bundle exported by a Diffusion Lab workspace into a running workspace. The"
          + " server verifies the whole archive (names, sizes, compression, every hash against"
          + " the manifest) before it writes anything; the runs join new experiments of the"
          + " signed-in user. Prints what was created as JSON."
    })
final class ImportCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server = new ServerOptions();

  @Parameters(paramLabel = "BUNDLE", description = "A .zip bundle made by dlab export or the UI.")
  private Path bundle;

  @Option(names = "--session", description = "Session id for the runs (default: yours).")
  private Long session;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!Files.isRegularFile(bundle)) {
      throw new InvalidRequestException("BUNDLE", bundle, "a bundle file that exists");
    }
    spec.commandLine()
        .getErr()
        .printf("uploading %s (%.1f MB) …%n", bundle, Files.size(bundle) / 1e6);
    try (ServerClient client = server.client()) {
      JsonNode result =
          client.upload("/bundles" + (session == null ? "" : "?sessionId=" + session), bundle);
      CliJson.print(spec, result);
    }
    return 0;
  }
}
