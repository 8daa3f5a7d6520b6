package com.diffusionlab.cli;

import com.diffusionlab.DiffusionLabApplication;
import com.diffusionlab.engine.EngineException;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The workspace started in this process on the local data folder (and its configuration), for
 * commands run without {@code --server}: reachable only from this machine, quiet in the log.
 */
final class LocalWorkspace {

  /** Who acts on a local data folder: no user of the workspace, so no username can clash. */
  static final String OPERATOR = "(local operator)";

  private LocalWorkspace() {}

  /**
   * @param runsJobs whether it runs the queued jobs while the command works (a sweep's cells), or
   *     leaves them to the workspace (managing users)
   */
  static ConfigurableApplicationContext start(PrintWriter err, boolean runsJobs) {
    err.println("starting the workspace in this process …");
    err.flush();
    try {
      return new SpringApplicationBuilder(DiffusionLabApplication.class)
          .properties("logging.level.root=WARN", "logging.level.com.diffusionlab=WARN")
          // arguments, so that they outrank application.properties (which reads PORT and
          // DLAB_WEB_WORKER): a workspace serving on its port beside this command is not disturbed
          .run(
              "--server.port=0",
              "--server.address=127.0.0.1",
              "--dlab.worker.on-web-node=" + runsJobs);
    } catch (RuntimeException failed) {
      throw StartFailure.explained(failed);
    }
  }

  /**
   * Acts in this thread as {@code username} with {@code authorities}, until {@link #signOut()}:
   * whoever reads the data folder is trusted with it.
   */
  static void signIn(String username, List<String> authorities) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                username, null, AuthorityUtils.createAuthorityList(authorities)));
  }

  /**
   * Acts in this thread as the workspace's user {@code username}, with their role, until {@link
   * #signOut()}.
   *
   * @throws InvalidRequestException naming {@code --user} when there is no such user
   */
  static LabUser signInAs(IdentityService identity, String username) {
    LabUser user =
        identity
            .find(username)
            .orElseThrow(
                () -> new InvalidRequestException("--user", username, "a user of this workspace"));
    signIn(user.username(), List.of(user.role().authority()));
    return user;
  }

  static void signOut() {
    SecurityContextHolder.clearContext();
  }

  /** What a command does on the workspace started in this process. */
  interface Work<T> {
    T on(ConfigurableApplicationContext context) throws IOException, InterruptedException;
  }

  /** What a command does on the workspace started in this process, as one of its users. */
  interface UserWork<T> {
    T on(ConfigurableApplicationContext context, LabUser user)
        throws IOException, InterruptedException;
  }

  /**
   * Starts the workspace (leaving its jobs to a running workspace), does {@code work} as the {@link
   * #OPERATOR} with the administrators' rights, and stops it.
   */
  static <T> T runAsOperator(PrintWriter err, Work<T> work)
      throws IOException, InterruptedException {
    try (ConfigurableApplicationContext context = start(err, false)) {
      signIn(OPERATOR, List.of(Role.ADMIN.authority()));
      return work.on(context);
    } finally {
      signOut();
    }
  }

  /**
   * Starts the workspace (leaving its jobs to a running workspace), does {@code work} as its user
   * {@code username}, and stops it.
   *
   * @throws InvalidRequestException naming {@code --user} when there is no such user
   */
  static <T> T runAs(PrintWriter err, String username, UserWork<T> work)
      throws IOException, InterruptedException {
    try (ConfigurableApplicationContext context = start(err, false)) {
      LabUser user = signInAs(context.getBean(IdentityService.class), username);
      return work.on(context, user);
    } finally {
      signOut();
    }
  }

  /**
   * Does {@code move}, which only administrators may; refused, says so in {@code --user}'s terms.
   *
   * @param whoMay e.g. "only administrators approve and retire models"
   */
  static <T> T adminOnly(LabUser user, String whoMay, Supplier<T> move) {
    try {
      return move.get();
    } catch (AccessDeniedException refused) {
      throw new EngineException(
          String.format(
              Locale.ROOT,
              "--user=%s is %s: %s",
              user.username(),
              user.role().name().toLowerCase(Locale.ROOT),
              whoMay));
    }
  }
}
