package com.diffusionlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model handed to the engine with the content hash it was registered under is used only with
 * those bytes: a file changed after registration is refused at load, even when its size and
 * modification time were kept, so that a run's model hash always names the bytes that made it.
 */
class ModelIntegrityTest {

  @TempDir Path folder;

  private static GenerationRequest request() {
    return GenerationRequest.builder("a photo of a red cat").seed(1).steps(1).size(16, 16).build();
  }

  @Test
  void aModelIsLoadedOnlyWithTheBytesItsHashNames() throws IOException {
    Path model = TinyModels.copyOf("tiny-sd1", folder.resolve("copy"));
    try (DiffusionEngine registering = new DiffusionEngine(EngineSettings.cpu())) {
      String registered = registering.inspect(ModelRef.of(model)).contentHash();
      ModelRef verified = ModelRef.verified(model, registered);
      assertThat(registering.load(verified).contentHash()).isEqualTo(registered);

      TinyModels.changeAByte(model, 0, true);

      // another node, or this one once the cache let the model go: it reads the bytes again
      try (DiffusionEngine loading = new DiffusionEngine(EngineSettings.cpu())) {
        assertThatThrownBy(
                () ->
                    loading.generate(
                        verified, request(), GenerationListener.NONE, new CancellationToken()))
            .isInstanceOfSatisfying(
                ModelIntegrityException.class,
                refused -> {
                  assertThat(refused.expectedHash()).isEqualTo(registered);
                  assertThat(refused.actualHash()).isNotEqualTo(registered).hasSize(64);
                })
            .hasMessageContaining("changed after registration");
        String changed = loading.inspect(ModelRef.of(model)).contentHash();
        assertThat(changed).isNotEqualTo(registered);
        assertThat(loading.load(ModelRef.verified(model, changed)).contentHash())
            .as("the new bytes load under their own hash")
            .isEqualTo(changed);
      }
    }
  }

  @Test
  void aCachedModelIsNotHandedOutUnderAnotherHash() throws IOException {
    Path model = TinyModels.copyOf("tiny-sd1", folder.resolve("copy"));
    try (DiffusionEngine engine = new DiffusionEngine(EngineSettings.cpu())) {
      String hash = engine.load(ModelRef.of(model)).contentHash();
      String other = "f".repeat(64);

      assertThatThrownBy(() -> engine.load(ModelRef.verified(model, other)))
          .isInstanceOf(ModelIntegrityException.class)
          .hasMessageContaining(other);
      assertThatThrownBy(() -> engine.verify(ModelRef.verified(model, other)))
          .isInstanceOf(ModelIntegrityException.class);
      engine.verify(ModelRef.verified(model, hash));
    }
  }
}
