package com.diffusionlab.engine.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model cache bounded by memory: it keeps what fits in its budget, evicts the least recently
 * used first and closes what it evicts, never evicts a model in use (holding more than the budget
 * meanwhile, and giving the excess back on release), and makes room before a load from the files'
 * size on disk.
 */
class ModelCacheTest {

  private static final long MB = 1 << 20;

  @TempDir Path folder;

  /** A model of a known size that counts how often it was closed. */
  private static final class FakeModel implements ModelCache.Cacheable {
    final String name;
    final long bytes;
    final AtomicInteger closed = new AtomicInteger();

    FakeModel(String name, long bytes) {
      this.name = name;
      this.bytes = bytes;
    }

    @Override
    public long residentBytes() {
      return bytes;
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  private final List<FakeModel> loaded = new ArrayList<>();

  /** A model folder whose one weights file has {@code bytesOnDisk} bytes. */
  private ModelCache.Key model(String name, long bytesOnDisk) throws IOException {
    Path dir = Files.createDirectories(folder.resolve(name));
    Files.write(dir.resolve("model.safetensors"), new byte[(int) bytesOnDisk]);
    return ModelCache.Key.of(dir, null);
  }

  private ModelCache<FakeModel>.Lease acquire(
      ModelCache<FakeModel> cache, ModelCache.Key key, long bytes) {
    return cache.acquire(
        key,
        () -> {
          FakeModel model = new FakeModel(key.path().getFileName().toString(), bytes);
          loaded.add(model);
          return model;
        });
  }

  private void use(ModelCache<FakeModel> cache, ModelCache.Key key, long bytes) {
    try (ModelCache<FakeModel>.Lease lease = acquire(cache, key, bytes)) {
      assertThat(lease.model().closed).hasValue(0);
    }
  }

  private static List<String> held(ModelCache<FakeModel> cache) {
    return cache.held().stream().map(held -> held.model().name).toList();
  }

  @Test
  void keepsWhatFitsInItsBudgetAndEvictsTheLeastRecentlyUsedFirst() throws IOException {
    ModelCache<FakeModel> cache = new ModelCache<>(10 * MB);
    ModelCache.Key a = model("a", 1);
    ModelCache.Key b = model("b", 1);
    ModelCache.Key c = model("c", 1);

    use(cache, a, 4 * MB);
    use(cache, b, 4 * MB);
    assertThat(held(cache)).containsExactly("b", "a");
    use(cache, a, 4 * MB); // a is now the most recently used: b goes first
    use(cache, c, 4 * MB);

    assertThat(held(cache)).containsExactly("c", "a");
    assertThat(cache.heldBytes()).isEqualTo(8 * MB);
    assertThat(loaded).extracting(model -> model.name).containsExactly("a", "b", "c");
    assertThat(loaded.get(1).closed).as("b, evicted, is closed").hasValue(1);
    assertThat(loaded.get(0).closed).hasValue(0);
    assertThat(loaded.get(2).closed).hasValue(0);
  }

  @Test
  void aCachedModelIsNotLoadedAgain() throws IOException {
    ModelCache<FakeModel> cache = new ModelCache<>(10 * MB);
    ModelCache.Key a = model("a", 1);

    use(cache, a, 4 * MB);
    try (ModelCache<FakeModel>.Lease again = acquire(cache, a, 4 * MB)) {
      assertThat(again.loadSeconds()).isZero();
    }

    assertThat(loaded).hasSize(1);
  }

  @Test
  void neverEvictsAModelInUseAndGivesTheExcessBackOnRelease() throws IOException {
    ModelCache<FakeModel> cache = new ModelCache<>(10 * MB);
    ModelCache.Key a = model("a", 1);
    ModelCache.Key b = model("b", 1);

    ModelCache<FakeModel>.Lease first = acquire(cache, a, 6 * MB);
    ModelCache<FakeModel>.Lease second = acquire(cache, b, 6 * MB);

    assertThat(held(cache))
        .as("both in use: over budget rather than closed under a user")
        .hasSize(2);
    assertThat(cache.heldBytes()).isEqualTo(12 * MB);
    assertThat(cache.held()).allSatisfy(held -> assertThat(held.users()).isEqualTo(1));
    assertThat(loaded).allSatisfy(model -> assertThat(model.closed).hasValue(0));

    first.close();
    assertThat(held(cache))
        .as("a, unused now, goes to bring the cache within budget")
        .containsExactly("b");
    assertThat(loaded.get(0).closed).hasValue(1);
    assertThat(loaded.get(1).closed).hasValue(0);

    second.close();
    second.close(); // releasing twice changes nothing
    assertThat(held(cache)).containsExactly("b");
    assertThat(loaded.get(1).closed).hasValue(0);
  }

  @Test
  void makesRoomBeforeALoadFromTheFilesSizeOnDisk() throws IOException {
    ModelCache<FakeModel> cache = new ModelCache<>(10 * MB);
    ModelCache.Key small = model("small", 1);
    ModelCache.Key large = model("large", 8 * MB);
    use(cache, small, 4 * MB);

    cache
        .acquire(
            large,
            () -> {
              assertThat(loaded.getFirst().closed)
                  .as("closed before the large model's weights arrive")
                  .hasValue(1);
              FakeModel model = new FakeModel("large", 8 * MB);
              loaded.add(model);
              return model;
            })
        .close();

    assertThat(held(cache)).containsExactly("large");
  }

  @Test
  void aModelLargerThanTheBudgetIsLoadedForItsUseAndClosedAfter() throws IOException {
    ModelCache<FakeModel> cache = new ModelCache<>(10 * MB);
    ModelCache.Key huge = model("huge", 1);

    try (ModelCache<FakeModel>.Lease lease = acquire(cache, huge, 12 * MB)) {
      assertThat(lease.model().closed).hasValue(0);
      assertThat(held(cache)).containsExactly("huge");
    }

    assertThat(held(cache)).isEmpty();
    assertThat(loaded.getFirst().closed).hasValue(1);
  }

  @Test
  void aFailedLoadIsNotCachedAndTakesNoRoom() throws IOException {
    ModelCache<FakeModel> cache = new ModelCache<>(10 * MB);
    ModelCache.Key broken = model("broken", 1);

    assertThatThrownBy(
            () ->
                cache.acquire(
                    broken,
                    () -> {
                      throw new IllegalStateException("bad header");
                    }))
        .hasMessage("bad header");

    assertThat(cache.size()).isZero();
    assertThat(cache.heldBytes()).isZero();
  }

  @Test
  void closingTheCacheClosesUnusedModelsAtOnceAndModelsInUseOnRelease() throws IOException {
    ModelCache<FakeModel> cache = new ModelCache<>(10 * MB);
    ModelCache.Key a = model("a", 1);
    ModelCache.Key b = model("b", 1);
    use(cache, a, 2 * MB);
    ModelCache<FakeModel>.Lease inUse = acquire(cache, b, 2 * MB);

    cache.close();
    assertThat(loaded.get(0).closed).hasValue(1);
    assertThat(loaded.get(1).closed).hasValue(0);

    inUse.close();
    assertThat(loaded.get(1).closed).hasValue(1);
  }

  @Test
  void aBudgetIsMoreThanNothing() {
    assertThatThrownBy(() -> new ModelCache<FakeModel>(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("budgetBytes=0");
  }
}
