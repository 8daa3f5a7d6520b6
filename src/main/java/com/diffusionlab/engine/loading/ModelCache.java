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
 * Keeps the most recently used models loaded. A model in use is never closed under its users: it is
 * closed when evicted and its last lease is released. Concurrent requests for the same model share
 * one load. A model whose files changed on disk is loaded afresh.
 */
public final class ModelCache implements AutoCloseable {

  /** Identifies a model's files and their state on disk. */
  public record Key(Path path, Path configSource, long fingerprint) {

    public static Key of(Path path, Path configSource) {
      Path normalized = path.toAbsolutePath().normalize();
      Path config = configSource == null ? null : configSource.toAbsolutePath().normalize();
      return new Key(
          normalized, config, Objects.hash(fingerprint(normalized), fingerprint(config)));
    }

    /** Sizes and modification times of every file under the path. */
    private static long fingerprint(Path path) {
      if (path == null || !Files.exists(path)) {
        return 0;
      }
      try (Stream<Path> files = Files.walk(path)) {
        return files
            .filter(Files::isRegularFile)
            .mapToLong(
                file -> {
                  try {
                    FileTime modified = Files.getLastModifiedTime(file);
                    return file.hashCode() * 31L + Files.size(file) * 17L + modified.toMillis();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .sum();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A model borrowed from the cache; release it with {@link #close()}. */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private final double loadSeconds;
    private boolean released;

    private Lease(Entry entry, double loadSeconds) {
      this.entry = entry;
      this.loadSeconds = loadSeconds;
    }

    public LoadedModel model() {
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
      }
    }
  }

  private static final class Entry {
    final CompletableFuture<LoadedModel> model = new CompletableFuture<>();
    int users;
    boolean evicted;
  }

  private final int capacity;
  private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  public ModelCache(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Borrows the model, loading it with {@code loader} if it is not cached.
   *
   * @throws RuntimeException whatever the loader threw; a failed load is not cached
   */
  public Lease acquire(Key key, Supplier<LoadedModel> loader) {
    Entry entry;
    boolean mine;
    synchronized (this) {
      entry = entries.get(key);
      mine = entry == null;
      if (mine) {
        entry = new Entry();
        entries.put(key, entry);
        evictBeyondCapacity();
      }
      entry.users++;
    }
    double loadSeconds = 0;
    if (mine) {
      long start = System.nanoTime();
      try {
        entry.model.complete(loader.get());
      } catch (RuntimeException | Error e) {
        entry.model.completeExceptionally(e);
        synchronized (this) {
          entries.remove(key, entry);
          entry.users--;
        }
        throw e;
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

  private void evictBeyondCapacity() {
    Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
    while (entries.size() > capacity && oldest.hasNext()) {
      Entry entry = oldest.next().getValue();
      oldest.remove();
      entry.evicted = true;
      closeIfUnused(entry);
    }
  }

  private void closeIfUnused(Entry entry) {
    if (entry.evicted
        && entry.users == 0
        && entry.model.isDone()
        && !entry.model.isCompletedExceptionally()) {
      entry.model.join().close();
    }
  }

  /** Whether the model is held (loaded, or being loaded). */
  public synchronized boolean contains(Key key) {
    return entries.containsKey(key);
  }

  /** Number of models currently held. */
  public synchronized int size() {
    return entries.size();
  }

  @Override
  public synchronized void close() {
    List<Entry> all = new ArrayList<>(entries.values());
    entries.clear();
    for (Entry entry : all) {
      entry.evicted = true;
      closeIfUnused(entry);
    }
  }
}
