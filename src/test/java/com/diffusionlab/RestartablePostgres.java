package com.diffusionlab;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL server that a test can stop and start again, as an operator restarts a
 * database: the same data folder and port, so that clients reconnect to the same URL and find what
 * was committed before.
 */
public final class RestartablePostgres implements AutoCloseable {

  private final Path data;
  private final int port;
  private EmbeddedPostgres server;

  private RestartablePostgres(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  /** A new server in a fresh folder, on a free port, started. */
  public static RestartablePostgres start() throws IOException {
    RestartablePostgres postgres =
        new RestartablePostgres(Files.createTempDirectory("dlab-pg-"), freePort());
    postgres.startServer();
    return postgres;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The URL of the server's {@code postgres} database, the same across restarts. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  /** Stops the server (a fast shutdown: open connections are cut, nothing committed is lost). */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        server = null;
      }
    }
  }

  /** Starts the server again on its data folder and port. */
  public synchronized void restart() {
    if (server == null) {
      try {
        startServer();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void startServer() throws IOException {
    server =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  @Override
  public void close() {
    stop();
  }
}
