package com.diffusionlab;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The application's modules use each other only through their API packages and have no cycles
 * (Spring Modulith). The engine and the command line are plain libraries above and below the
 * application; {@link ModuleBoundariesTest} checks them.
 */
class ApplicationModulesTest {

  private static final ApplicationModules MODULES =
      ApplicationModules.of(
          DiffusionLabApplication.class,
          JavaClass.Predicates.resideInAnyPackage(
              "com.diffusionlab.engine..", "com.diffusionlab.cli.."));

  @Test
  void modulesRespectTheirBoundaries() {
    MODULES.verify();
  }
}
