package com.diffusionlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, with a fresh data folder, the test models folder and a
 * known admin password. Test classes that extend this share one application context.
 */
@SpringBootTest(
    classes = DiffusionLabApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dlab.admin.password=admin-password", "vaadin.productionMode=true"})
public abstract class WorkspaceTestSupport {

  protected static final String ADMIN_PASSWORD = "admin-password";

  private static final Path DATA;

  static {
    try {
      DATA = Files.createTempDirectory("dlab-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void folders(DynamicPropertyRegistry registry) {
    registry.add("dlab.data-dir", DATA::toString);
    registry.add(
        "dlab.models-dir",
        () -> System.getProperty("dlab.it.models", "src/test/resources/reference"));
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:file:" + DATA.resolve("db/test") + ";DB_CLOSE_ON_EXIT=FALSE");
  }
}
