package com.diffusionlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application ({@link WorkspaceApplicationTest}) on the embedded default database, with a
 * fresh data folder and the test models folder. Test classes that extend this share one application
 * context.
 */
@WorkspaceApplicationTest
public abstract class WorkspaceTestSupport {

  protected static final String ADMIN_PASSWORD = "Kettle-Orchard-Velvet-17";

  private static final Path DATA;
  private static final Path MODELS;

  static {
    try {
      DATA = Files.createTempDirectory("dlab-it-");
      MODELS = models(DATA.resolve("models"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A models folder as users have one: the bundled tiny-shapes model (the playground's default)
   * beside the reference test models, among them single files the registry reports as broken.
   * Links, so that nothing is copied.
   */
  private static Path models(Path folder) throws IOException {
    Files.createDirectories(folder);
    List<Path> entries = new ArrayList<>();
    entries.add(Path.of("models/tiny-shapes"));
    try (Stream<Path> reference = Files.list(Path.of("src/test/resources/reference"))) {
      reference.filter(path -> !path.toString().endsWith(".md")).forEach(entries::add);
    }
    for (Path entry : entries) {
      Files.createSymbolicLink(folder.resolve(entry.getFileName()), entry.toAbsolutePath());
    }
    return folder;
  }

  /** The models folder this workspace reads, for a second workspace on the same models. */
  protected static Path modelsFolder() {
    return MODELS;
  }

  @BeforeEach
  void signInThroughThisWorkspace(@Autowired ApplicationContext context) {
    TestUsers.signInThrough(context);
  }

  @DynamicPropertySource
  static void folders(DynamicPropertyRegistry registry) {
    registry.add("dlab.data-dir", DATA::toString);
    registry.add("dlab.models-dir", () -> MODELS.toString());
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:file:" + DATA.resolve("db/test") + ";DB_CLOSE_ON_EXIT=FALSE");
  }
}
