package com.diffusionlab.cli;

import com.diffusionlab.governance.AuditLogService;
import com.diffusionlab.governance.AuditQuery;
import com.diffusionlab.governance.AuditVerification;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlab audit}: checks the audit log's hash chain and exports it as JSON lines, on a running
 * workspace as an administrator, or without {@code --server} in this process on the local data
 * folder.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "The audit log: verify checks its hash chain and names the first broken link (exit code 1"
          + " when broken); export writes it as JSON lines, oldest first. With --server (or"
          + " $DLAB_URL) on that workspace as an administrator; without, in this process on the"
          + " local data folder (stop a workspace that uses an H2 database first)."
    },
    subcommands = CommandLine.HelpCommand.class)
final class AuditCommand implements Runnable {

  /** The chain does not hold: something changed the log. */
  static final int EXIT_BROKEN = 1;

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(
      name = "verify",
      description = "Walks the whole chain and prints OK with the count, or the first broken link.")
  int verify(@Mixin ServerOptions server) throws IOException, InterruptedException {
    String summary;
    boolean intact;
    if (server.given()) {
      try (ServerClient client = server.client()) {
        JsonNode answer = client.get("/audit/verify");
        summary = answer.get("summary").asString();
        intact = answer.get("intact").asBoolean();
      }
    } else {
      AuditVerification verification = inProcess(AuditLogService::verify);
      summary = verification.summary();
      intact = verification.intact();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(summary);
    out.flush();
    return intact ? 0 : EXIT_BROKEN;
  }

  @Command(
      name = "export",
      description = "Writes the audit log (or the entries the filters select) as JSON lines.")
  int export(
      @Option(
              names = {"-o", "--output"},
              paramLabel = "FILE",
              description = "Where to write (default: standard output).")
          Path output,
      @Option(names = "--actor", paramLabel = "NAME", description = "Only this actor's entries.")
          String actor,
      @Option(
              names = "--action",
              paramLabel = "ACTION",
              description = "Only this action, or every action under a prefix (session).")
          String action,
      @Option(
              names = "--outcome",
              paramLabel = "OUTCOME",
              description = "SUCCEEDED, REFUSED or FAILED.")
          String outcome,
      @Option(names = "--from", paramLabel = "TIME", description = "From this ISO-8601 time.")
          String from,
      @Option(names = "--to", paramLabel = "TIME", description = "Before this ISO-8601 time.")
          String to,
      @Mixin ServerOptions server)
      throws IOException, InterruptedException {
    AuditQuery query = AuditQuery.parse(actor, action, outcome, from, to);
    try (OutputStream out =
        output == null
            ? new Utf8TextOutput(spec.commandLine().getOut())
            : Files.newOutputStream(output)) {
      OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
      if (server.given()) {
        try (ServerClient client = server.client()) {
          client.download(
              "/audit/export" + parameters(actor, action, outcome, from, to),
              buffered,
              ServerClient.Progress.NONE);
        }
      } else {
        inProcess(
            audit -> {
              audit.export(query, buffered);
              return null;
            });
      }
      buffered.flush();
    }
    return 0;
  }

  private static String parameters(String... values) {
    String[] names = {"actor", "action", "outcome", "from", "to"};
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null && !values[i].isBlank()) {
        given.put(names[i], values[i]);
      }
    }
    return given.isEmpty()
        ? ""
        : given.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&", "?", ""));
  }

  private interface Action<T> {
    T on(AuditLogService audit);
  }

  private <T> T inProcess(Action<T> action) throws IOException, InterruptedException {
    return LocalWorkspace.runAsOperator(
        spec.commandLine().getErr(), context -> action.on(context.getBean(AuditLogService.class)));
  }
}
