package com.diffusionlab.cli;

import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.identity.IdentityService;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test of {@code dlab} commands on this test's workspace over HTTP, and in another process on a
 * data folder of its own under {@link #folder}.
 */
abstract class CliTestSupport extends WorkspaceTestSupport {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @TempDir Path folder;

  /** This workspace's address, for {@code --server}. */
  String server() {
    return "http://localhost:" + port;
  }

  /** {@code args} with the options that run them on this workspace as {@code user}. */
  String[] on(String user, String password, String... args) {
    return Stream.concat(
            Stream.of(args),
            Stream.of("--server", server(), "--user", user, "--password", password))
        .toArray(String[]::new);
  }

  /** {@code args} on this workspace as its administrator. */
  String[] asAdmin(String... args) {
    return on("admin", ADMIN_PASSWORD, args);
  }
}
