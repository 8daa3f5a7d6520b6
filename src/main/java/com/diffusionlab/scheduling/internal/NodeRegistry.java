package com.diffusionlab.scheduling.internal;

import com.diffusionlab.LabNode;
import com.diffusionlab.engine.CachedModel;
import com.diffusionlab.engine.DeviceInventory;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.scheduling.DeviceStatus;
import com.diffusionlab.scheduling.DevicesOverview;
import com.diffusionlab.scheduling.JobWait;
import com.diffusionlab.scheduling.NodeModel;
import com.diffusionlab.scheduling.NodeStatus;
import com.diffusionlab.scheduling.UnservedJobs;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.scheduling.internal.queue.QueueProperties;
import com.diffusionlab.scheduling.internal.queue.QueueWaits;
import jakarta.annotation.PreDestroy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nodes of the workspace, each with its devices: every node registers itself and renews its row
 * with a heartbeat (its devices' memory and the models it holds loaded with it), and removes it
 * when it stops; a node that stopped responding shows as such, and is forgotten after a day.
 */
@Component
public class NodeRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);
  private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

  private final LabNode node;
  private final DiffusionEngine engine;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final JobQueue queue;
  private final QueueWaits waits;
  private final Duration silence;
  private final Instant started = Instant.now();

  NodeRegistry(
      LabNode node,
      DiffusionEngine engine,
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      JobQueue queue,
      QueueProperties properties) {
    this.node = node;
    this.engine = engine;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.queue = queue;
    this.waits = new QueueWaits(jdbc);
    // a node is responding while its heartbeats are as recent as a job lease needs
    this.silence = properties.leaseTimeout();
  }

  /** Registers this node (or renews its row) with its devices as they are now. */
  @Scheduled(fixedDelayString = "${dlab.queue.heartbeat-interval:5s}", initialDelayString = "0s")
  void heartbeat() {
    try {
      List<DeviceInventory.DeviceInfo> devices = DeviceInventory.list();
      transactions.executeWithoutResult(status -> write(devices));
    } catch (DataAccessException e) {
      LOG.warn("node {}: heartbeat not written ({})", node.name(), e.getMessage());
    }
  }

  private void write(List<DeviceInventory.DeviceInfo> devices) {
    Timestamp now = Timestamp.from(Instant.now());
    int renewed =
        jdbc.update("update workspace_nodes set heartbeat_at = ? where name = ?", now, node.name());
    if (renewed == 0) {
      jdbc.update(
          "insert into workspace_nodes (name, web, runs_jobs, slots, job_device, device_class,"
              + " model_cache_bytes, engine_version, started_at, heartbeat_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          node.name(),
          node.web(),
          node.runsJobs(),
          node.slots(),
          jobDevice(),
          engine.settings().deviceClass(),
          engine.settings().modelCacheBytes(),
          engine.version(),
          Timestamp.from(started),
          now);
    }
    jdbc.update("delete from node_models where node_name = ?", node.name());
    for (CachedModel model : engine.cachedModels()) {
      jdbc.update(
          "insert into node_models (node_name, content_hash, name, bytes, in_use)"
              + " values (?, ?, ?, ?, ?)",
          node.name(),
          model.contentHash(),
          model.name(),
          model.bytes(),
          model.inUse());
    }
    jdbc.update("delete from node_devices where node_name = ?", node.name());
    for (DeviceInventory.DeviceInfo device : devices) {
      jdbc.update(
          "insert into node_devices (node_name, device, kind, description, memory_total_bytes,"
              + " memory_used_bytes) values (?, ?, ?, ?, ?, ?)",
          node.name(),
          device.id(),
          device.kind(),
          device.description(),
          device.memoryTotalBytes(),
          device.memoryUsedBytes());
    }
    jdbc.update(
        "delete from workspace_nodes where heartbeat_at < ?",
        Timestamp.from(Instant.now().minus(FORGOTTEN_AFTER)));
  }

  private String jobDevice() {
    var device = engine.settings().device();
    return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
  }

  /** A node that stops takes itself off the list. */
  @PreDestroy
  void leave() {
    try {
      jdbc.update("delete from workspace_nodes where name = ?", node.name());
    } catch (DataAccessException e) {
      LOG.debug("node {}: could not leave the list", node.name(), e);
    }
  }

  /** The nodes that run jobs and respond, each with its device slots, by name. */
  public Map<String, Integer> liveWorkerSlots() {
    Map<String, Integer> slots = new LinkedHashMap<>();
    jdbc.query(
        "select name, slots from workspace_nodes where runs_jobs = true and heartbeat_at > ?"
            + " order by name",
        row -> {
          slots.put(row.getString("name"), row.getInt("slots"));
        },
        Timestamp.from(Instant.now().minus(silence)));
    return slots;
  }

  /** Every node with its devices and the runs it works on, and the jobs waiting. */
  public DevicesOverview overview() {
    Instant now = Instant.now();
    Map<String, List<DeviceStatus>> devices = new LinkedHashMap<>();
    jdbc.query(
        "select * from node_devices order by node_name, device",
        row -> {
          devices
              .computeIfAbsent(row.getString("node_name"), name -> new ArrayList<>())
              .add(
                  new DeviceStatus(
                      row.getString("device"),
                      row.getString("kind"),
                      row.getString("description"),
                      nullableLong(row, "memory_total_bytes"),
                      nullableLong(row, "memory_used_bytes")));
        });
    Map<String, List<NodeModel>> models = new LinkedHashMap<>();
    jdbc.query(
        "select * from node_models order by node_name, in_use desc, bytes desc",
        row -> {
          models
              .computeIfAbsent(row.getString("node_name"), name -> new ArrayList<>())
              .add(
                  new NodeModel(
                      row.getString("content_hash"),
                      row.getString("name"),
                      row.getLong("bytes"),
                      row.getBoolean("in_use")));
        });
    Map<String, List<Long>> claims = queue.claims();
    List<NodeStatus> nodes =
        jdbc.query(
            "select * from workspace_nodes order by web desc, name",
            (row, index) -> {
              String name = row.getString("name");
              Instant heartbeat = row.getTimestamp("heartbeat_at").toInstant();
              return new NodeStatus(
                  name,
                  row.getBoolean("web"),
                  row.getBoolean("runs_jobs"),
                  row.getInt("slots"),
                  row.getString("job_device"),
                  row.getString("device_class"),
                  row.getString("engine_version"),
                  row.getTimestamp("started_at").toInstant(),
                  heartbeat,
                  heartbeat.isAfter(now.minus(silence)),
                  devices.getOrDefault(name, List.of()),
                  claims.getOrDefault(name, List.of()),
                  nullableLong(row, "model_cache_bytes"),
                  models.getOrDefault(name, List.of()));
            });
    List<UnservedJobs> unserved = new ArrayList<>();
    waits
        .unserved(now.minus(silence))
        .forEach(
            (deviceClass, waiting) ->
                unserved.add(
                    new UnservedJobs(deviceClass, waiting, QueueWaits.reason(deviceClass))));
    return new DevicesOverview(now, nodes, queue.waiting(), unserved);
  }

  /**
   * Where the run's job stands, and why no worker takes it when none serves the device class it
   * asks for.
   */
  public JobWait jobWait(long runId) {
    return queue
        .waiting(runId)
        .map(
            job ->
                new JobWait(
                    runId,
                    true,
                    job.deviceClass(),
                    job.modelHash(),
                    job.deviceClass() == null
                            || waits.served(job.deviceClass(), Instant.now().minus(silence))
                        ? null
                        : QueueWaits.reason(job.deviceClass())))
        .orElseGet(() -> new JobWait(runId, false, null, null, null));
  }

  private static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
