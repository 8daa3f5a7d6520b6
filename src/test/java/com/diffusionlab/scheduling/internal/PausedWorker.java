package com.diffusionlab.scheduling.internal;

import com.diffusionlab.scheduling.internal.queue.QueueWorker;
import org.springframework.context.ApplicationContext;

/**
 * This node's worker stopped (it finishes what it runs and claims nothing more) until closed, when
 * it starts again as at the application's start: jobs queued meanwhile all wait, so that a test
 * sees the order the queue gives them rather than the order they arrived in.
 */
public final class PausedWorker implements AutoCloseable {

  private final QueueStartup startup;

  private PausedWorker(QueueStartup startup) {
    this.startup = startup;
  }

  public static PausedWorker pause(ApplicationContext context) {
    context.getBean(QueueWorker.class).close();
    return new PausedWorker(context.getBean(QueueStartup.class));
  }

  @Override
  public void close() {
    startup.run(null);
  }
}
