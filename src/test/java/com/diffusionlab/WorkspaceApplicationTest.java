package com.diffusionlab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port with a known admin password, its queue quick to notice a
 * worker that stops: what every workspace test context shares, whatever its database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = DiffusionLabApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "dlab.admin.password=" + WorkspaceTestSupport.ADMIN_PASSWORD,
      "vaadin.productionMode=true",
      // a worker that stops is noticed within seconds, and a stopping test context waits briefly
      "dlab.queue.heartbeat-interval=500ms",
      "dlab.queue.missed-heartbeats=4",
      "dlab.queue.polling-interval=200ms",
      "dlab.queue.shutdown-max-wait=2s",
      // gauges read from the database (MetricsIT) are fresh within a second
      "dlab.metrics.refresh-interval=1s"
    })
public @interface WorkspaceApplicationTest {}
