package com.diffusionlab.cli;

import com.diffusionlab.tracking.GenerationDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The generation defaults for commands that run without the workspace: bound from the same {@code
 * application.properties} (and environment variables such as {@code DLAB_DEFAULTS_CFG}) as the
 * workspace, so that the command line and the server never disagree.
 */
final class CliDefaults {
  private CliDefaults() {}

  static GenerationDefaults load() {
    StandardEnvironment environment = new StandardEnvironment();
    try {
      new PropertiesPropertySourceLoader()
          .load("application.properties", new ClassPathResource("application.properties"))
          .forEach(environment.getPropertySources()::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read application.properties", e);
    }
    return Binder.get(environment)
        .bind("dlab.defaults", GenerationDefaults.class)
        .orElseThrow(() -> new IllegalStateException("dlab.defaults is not configured"));
  }
}
