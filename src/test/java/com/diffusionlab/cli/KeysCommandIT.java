package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.Role;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlab keys} on a running workspace, and every remote command signing in with {@code
 * --api-key} instead of a password: a key created, used, listed without its secret and revoked.
 */
class KeysCommandIT extends CliTestSupport {

  private String[] asUser(String user, String... args) {
    return on(user, TestUsers.PASSWORD, args);
  }

  private String[] withKey(String key, String... args) {
    return Stream.concat(Stream.of(args), Stream.of("--server", server(), "--api-key", key))
        .toArray(String[]::new);
  }

  @Test
  void aResearcherCreatesUsesListsAndRevokesAKey() {
    TestUsers.ensure(identity, "cli-keys", Role.RESEARCHER);
    Dlab create =
        Dlab.run(
            asUser("cli-keys", "keys", "create", "--name", "cli script", "--scope", "generate"));
    assertThat(create.exit()).as(create.err()).isZero();
    JsonNode key = create.json();
    String secret = key.get("secret").asString();
    assertThat(secret).startsWith("dlab_");
    assertThat(key.get("scope").asString()).isEqualTo("GENERATE");
    assertThat(create.err()).contains("shown this once");

    Dlab sessions = Dlab.run(withKey(secret, "sessions", "list"));
    assertThat(sessions.exit()).as("another command with the key: " + sessions.err()).isZero();

    Dlab list = Dlab.run(withKey(secret, "keys", "list"));
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("cli script")
        .contains(secret.substring(0, 11))
        .doesNotContain(secret);

    Dlab wider = Dlab.run(withKey(secret, "keys", "create", "--name", "wider", "--scope", "ADMIN"));
    assertThat(wider.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(wider.err()).contains("--scope=ADMIN is not allowed");

    long id = key.get("id").asLong();
    Dlab revoke = Dlab.run(withKey(secret, "keys", "revoke", Long.toString(id)));
    assertThat(revoke.exit()).as(revoke.err()).isZero();
    Dlab after = Dlab.run(withKey(secret, "keys", "list"));
    assertThat(after.exit()).isEqualTo(DlabCommand.EXIT_FAILURE);
    assertThat(after.err()).contains("answered 401").contains("revoked");
  }

  @Test
  void badOptionsAreNamedBeforeAnythingIsAsked() {
    Dlab scope =
        Dlab.run(asUser("admin", "keys", "create", "--name", "x", "--scope", "everything"));
    assertThat(scope.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(scope.err()).contains("--scope=everything").contains("READ, GENERATE, ADMIN");

    Dlab name =
        Dlab.run(
            new String[] {
              "keys",
              "create",
              "--name",
              " ",
              "--server",
              server(),
              "--user",
              "admin",
              "--password",
              ADMIN_PASSWORD
            });
    assertThat(name.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(name.err()).contains("--name");

    Dlab malformed = Dlab.run(withKey("not-a-key-at-all", "keys", "list"));
    assertThat(malformed.exit()).isEqualTo(DlabCommand.EXIT_USAGE);
    assertThat(malformed.err()).contains("--api-key").doesNotContain("not-a-key-at-all");

    Dlab noServer = Dlab.run("keys", "list");
    assertThat(noServer.exit()).isNotZero();
    assertThat(noServer.err()).contains("--server");
  }
}
