package com.diffusionlab.api;

import com.diffusionlab.identity.IdentityService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A bean that {@link ReadinessIT} adds to a workspace process: the first runner of its start. It
 * makes the test's user the first administrator (the usual bootstrap comes later and finds one) and
 * then holds the start, and with it the model registry's scan, until the test writes to the named
 * pipe {@code dlab.test.hold}: reading a pipe waits for a writer, across processes, without
 * polling.
 */
public class HeldStart implements ApplicationRunner, Ordered {

  public static final String USER = "early";
  public static final String PASSWORD = "Held-Start-Harbor-29";

  private final IdentityService identity;
  private final Path hold;

  public HeldStart(IdentityService identity, Environment environment) {
    this.identity = identity;
    this.hold = Path.of(environment.getRequiredProperty("dlab.test.hold"));
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    identity.createFirstAdmin(USER, "password", PASSWORD, false);
    try (InputStream released = Files.newInputStream(hold)) {
      released.readAllBytes();
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
