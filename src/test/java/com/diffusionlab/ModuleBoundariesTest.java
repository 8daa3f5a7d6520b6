package com.diffusionlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine is a library: it knows nothing of the application around it. */
class ModuleBoundariesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.diffusionlab");
  }

  @Test
  void engineUsesNeitherSpringNorPersistenceNorOtherModules() {
    noClasses()
        .that()
        .resideInAPackage("com.diffusionlab.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "jakarta..", "javax.persistence..", "com.vaadin..")
        .orShould()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "com.diffusionlab.engine..",
            "java..",
            "javax.imageio..",
            "ai.djl..",
            "tools.jackson..",
            // model cards' front matter; parsed with the safe constructor only
            "org.yaml.snakeyaml..",
            "org.slf4j..")
        .check(classes);
  }

  @Test
  void topLevelModulesHaveNoCycles() {
    slices().matching("com.diffusionlab.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void engineInternalsHaveNoCycles() {
    slices().matching("com.diffusionlab.engine.(*)..").should().beFreeOfCycles().check(classes);
  }
}
