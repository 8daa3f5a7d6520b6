package com.diffusionlab.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

/**
 * Long UI work (exports, imports, sweep launches) off the request thread, as the signed-in user:
 * views show progress through {@code UI.access} while it runs.
 */
@Component
public class BackgroundTasks implements AutoCloseable {

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dlab-ui-task-", 0).factory());

  /** Runs {@code task} with the caller's security context. */
  public void run(Runnable task) {
    executor.execute(new DelegatingSecurityContextRunnable(task));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
