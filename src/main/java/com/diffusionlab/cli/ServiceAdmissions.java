package com.diffusionlab.cli;

import com.diffusionlab.identity.Role;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.tracking.GenerationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission without HTTP: {@link GenerationService#submit} called by threads of this process as the
 * administrator, as the API calls it after signing the request in. What is left of a submission's
 * time when no credential is checked and no JSON is read or written.
 */
final class ServiceAdmissions {

  private ServiceAdmissions() {}

  /**
   * {@code count} submissions by {@code threads} threads at once going round {@code sessions},
   * after a warm-up of a tenth as many (not counted); every accepted run is added to {@code
   * accepted}.
   */
  static RequestStats.Summary measure(
      GenerationService generations,
      LoadClients.Job job,
      List<Long> sessions,
      int threads,
      int count,
      List<Long> accepted)
      throws InterruptedException {
    submit(
        generations,
        job,
        sessions,
        threads,
        Math.max(threads, count / 10),
        new RequestStats("warm-up"),
        accepted);
    RequestStats stats = new RequestStats("GenerationService.submit");
    long start = System.nanoTime();
    submit(generations, job, sessions, threads, count, stats, accepted);
    return stats.summary((System.nanoTime() - start) / 1e9);
  }

  private static void submit(
      GenerationService generations,
      LoadClients.Job job,
      List<Long> sessions,
      int threads,
      int count,
      RequestStats stats,
      List<Long> accepted)
      throws InterruptedException {
    GenerationSettings settings =
        GenerationSettings.of(null, job.prompt()).with("steps", job.steps());
    ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(
          () -> {
            LocalWorkspace.signIn("admin", List.of(Role.ADMIN.authority()));
            try {
              for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                long sent = System.nanoTime();
                try {
                  ids.add(
                      generations
                          .submit(
                              new GenerationSubmission(
                                  sessions.get(i % sessions.size()),
                                  "bench-load",
                                  settings.withSeed(i)))
                          .id());
                  stats.record(200, System.nanoTime() - sent);
                } catch (RuntimeException refused) {
                  stats.record(400, System.nanoTime() - sent);
                }
              }
            } finally {
              LocalWorkspace.signOut();
            }
            return null;
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a submitting thread stopped: " + e.getCause(), e);
    }
    accepted.addAll(ids);
  }
}
