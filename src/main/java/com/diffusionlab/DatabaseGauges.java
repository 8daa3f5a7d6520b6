package com.diffusionlab;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Gauges read from the database every {@code dlab.metrics.refresh-interval} rather than at each
 * scrape, so that a scrape costs no query; while the database is away for a moment they keep their
 * last values.
 */
public abstract class DatabaseGauges {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;

  /**
   * @param name what the gauges show, for the log: "workspace", "quota"
   */
  protected DatabaseGauges(String name) {
    this.name = name;
  }

  @Scheduled(
      fixedDelayString = "${dlab.metrics.refresh-interval:15s}",
      initialDelayString = "${dlab.metrics.refresh-interval:15s}")
  public void refresh() {
    try {
      read();
    } catch (DataAccessException e) {
      log.warn("{} gauges not read ({})", name, e.getMessage());
    }
  }

  /** Reads every gauge now. */
  protected abstract void read();
}
