package com.diffusionlab.engine.loading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Keeps recently used models loaded, as many as fit in a memory budget, evicting the least recently
 * used first. A model in use is never evicted: while the models in use alone exceed the budget the
 * cache holds more than it (a generation cannot wait for memory that only it would free), and gives
 * the excess back as they are released. An evicted model's resources are closed at once. Concurrent
 * requests for the same model share one load. A model whose files changed on disk is loaded afresh.
 *
 * <p>A model's size counts from the moment its load starts, at its files' size on disk (what it
 * takes loaded in their own precision), so that room is made before the weights arrive; once loaded
 * it counts at its actual size.
 *
 * @param <M> what a load produces
 */
public final class ModelCache<M extends ModelCache.Cacheable> implements AutoCloseable {

  /** A loaded model as the cache sees it: the memory it holds, and how to give it back. */
  public interface Cacheable extends AutoCloseable {
    /** Bytes its weights take on its device. */
    long residentBytes();

    @Override
    void close();
  }

  /** Identifies a model's files and their state on disk. */
  public record Key(Path path, Path configSource, long fingerprint, long bytesOnDisk) {

    public static Key of(Path path, Path configSource) {
      Path normalized = path.toAbsolutePath().normalize();
      Path config = configSource == null ? null : configSource.toAbsolutePath().normalize();
      DiskState model = DiskState.under(normalized);
      DiskState separateConfig =
          config == null || config.startsWith(normalized)
              ? DiskState.NONE
              : DiskState.under(config);
      return new Key(
          normalized,
          config,
          Objects.hash(model.fingerprint(), separateConfig.fingerprint()),
          model.bytes() + separateConfig.bytes());
    }
  }

  /**
   * The regular files under a path, summed up: sizes and modification times (which change when the
   * files do), and bytes.
   */
  private record DiskState(long fingerprint, long bytes) {
    static final DiskState NONE = new DiskState(0, 0);

    static DiskState under(Path path) {
      if (!Files.exists(path)) {
        return NONE;
      }
      long fingerprint = 0;
      long bytes = 0;
      try (Stream<Path> files = Files.walk(path)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          long size = Files.size(file);
          FileTime modified = Files.getLastModifiedTime(file);
          fingerprint += file.hashCode() * 31L + size * 17L + modified.toMillis();
          bytes += size;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new DiskState(fingerprint, bytes);
    }
  }

  /** A model held by the cache: its size, and how many generations use it now. */
  public record Held<M>(M model, long bytes, int users) {}

  /** A model borrowed from the cache; release it with {@link #close()}. */
  public final class Lease implements AutoCloseable {
    private final Entry<M> entry;
    private final double loadSeconds;
    private boolean released;

    private Lease(Entry<M> entry, double loadSeconds) {
      this.entry = entry;
      this.loadSeconds = loadSeconds;
    }

    public M model() {
      return entry.model.join();
    }

    /** Seconds this acquisition spent loading; 0 when the model was already loaded. */
    public double loadSeconds() {
      return loadSeconds;
    }

    @Override
    public void close() {
      synchronized (ModelCache.this) {
        if (released) {
          return;
        }
        released = true;
        entry.users--;
        closeIfUnused(entry);
        evictBeyondBudget();
      }
    }
  }

  private static final class Entry<M> {
    final CompletableFuture<M> model = new CompletableFuture<>();
    long bytes;
    int users;
    boolean evicted;

    Entry(long bytes) {
      this.bytes = bytes;
    }

    boolean loaded() {
      return model.isDone() && !model.isCompletedExceptionally();
    }
  }

  private final long budgetBytes;
  // access order: the least recently used first
  private final Map<Key, Entry<M>> entries = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param budgetBytes the memory the models held may take together, more than 0
   */
  public ModelCache(long budgetBytes) {
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("budgetBytes=" + budgetBytes + ": more than 0");
    }
    this.budgetBytes = budgetBytes;
  }

  public long budgetBytes() {
    return budgetBytes;
  }

  /**
   * Borrows the model, loading it with {@code loader} if it is not cached; models unused for
   * longest are evicted first to make room for it.
   *
   * @throws RuntimeException whatever the loader threw; a failed load is not cached
   */
  public Lease acquire(Key key, Supplier<M> loader) {
    Entry<M> entry;
    boolean mine;
    synchronized (this) {
      entry = entries.get(key);
      mine = entry == null;
      if (mine) {
        entry = new Entry<>(key.bytesOnDisk());
        entries.put(key, entry);
      }
      entry.users++;
      if (mine) {
        evictBeyondBudget();
      }
    }
    double loadSeconds = 0;
    if (mine) {
      long start = System.nanoTime();
      M model;
      try {
        model = loader.get();
      } catch (RuntimeException | Error e) {
        entry.model.completeExceptionally(e);
        synchronized (this) {
          entries.remove(key, entry);
          entry.users--;
        }
        throw e;
      }
      synchronized (this) {
        entry.bytes = model.residentBytes();
        entry.model.complete(model);
        evictBeyondBudget();
      }
      loadSeconds = (System.nanoTime() - start) / 1e9;
    }
    try {
      entry.model.join();
    } catch (RuntimeException e) {
      synchronized (this) {
        entry.users--;
      }
      throw unwrap(e);
    }
    return new Lease(entry, loadSeconds);
  }

  private static RuntimeException unwrap(RuntimeException e) {
    return e.getCause() instanceof RuntimeException cause ? cause : e;
  }

  /** Evicts loaded models nobody uses, least recently used first, until the rest fit. */
  private void evictBeyondBudget() {
    long held = entries.values().stream().mapToLong(entry -> entry.bytes).sum();
    Iterator<Entry<M>> oldest = entries.values().iterator();
    while (held > budgetBytes && oldest.hasNext()) {
      Entry<M> entry = oldest.next();
      if (entry.users == 0 && entry.loaded()) {
        oldest.remove();
        held -= entry.bytes;
        entry.evicted = true;
        closeIfUnused(entry);
      }
    }
  }

  private void closeIfUnused(Entry<M> entry) {
    if (entry.evicted && entry.users == 0 && entry.loaded()) {
      entry.model.join().close();
    }
  }

  /** Whether the model is held (loaded, or being loaded). */
  public synchronized boolean contains(Key key) {
    return entries.containsKey(key);
  }

  /** The loaded models, the most recently used first. */
  public synchronized List<Held<M>> held() {
    List<Held<M>> held = new ArrayList<>();
    for (Entry<M> entry : entries.values()) {
      if (entry.loaded()) {
        held.addFirst(new Held<>(entry.model.join(), entry.bytes, entry.users));
      }
    }
    return held;
  }

  /** Bytes the models held take (those being loaded at their size on disk). */
  public synchronized long heldBytes() {
    return entries.values().stream().mapToLong(entry -> entry.bytes).sum();
  }

  /** Number of models currently held. */
  public synchronized int size() {
    return entries.size();
  }

  /** Closes every model now, or as its last user releases it. */
  @Override
  public synchronized void close() {
    List<Entry<M>> all = new ArrayList<>(entries.values());
    entries.clear();
    for (Entry<M> entry : all) {
      entry.evicted = true;
      closeIfUnused(entry);
    }
  }
}
