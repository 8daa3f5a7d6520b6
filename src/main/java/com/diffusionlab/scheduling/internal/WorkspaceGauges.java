package com.diffusionlab.scheduling.internal;

import com.diffusionlab.DatabaseGauges;
import com.diffusionlab.scheduling.DeviceStatus;
import com.diffusionlab.scheduling.DevicesOverview;
import com.diffusionlab.scheduling.NodeStatus;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Gauges of the whole workspace, read from the database every {@code dlab.metrics.refresh-interval}
 * rather than at each scrape: the queue's depth by device class, jobs no responding worker serves,
 * the workers that respond, and each node's busy share and device memory (from the heartbeats that
 * {@link NodeRegistry} keeps), so that a web node also shows its worker-only nodes. Every node
 * reports the same figures; dashboards take their {@code max}.
 */
@Component
class WorkspaceGauges extends DatabaseGauges {

  private final NodeRegistry nodes;
  private final JobQueue queue;
  private final MultiGauge depth;
  private final MultiGauge unserved;
  private final MultiGauge responding;
  private final MultiGauge busy;
  private final MultiGauge memoryUsed;
  private final MultiGauge memoryTotal;

  WorkspaceGauges(NodeRegistry nodes, JobQueue queue, MeterRegistry registry) {
    super("workspace");
    this.nodes = nodes;
    this.queue = queue;
    this.depth =
        MultiGauge.builder("dlab.queue.jobs")
            .description("jobs in the queue by the device class they ask for, waiting or running")
            .register(registry);
    this.unserved =
        MultiGauge.builder("dlab.queue.unserved.jobs")
            .description("waiting jobs that ask for a device class no responding worker serves")
            .register(registry);
    this.responding =
        MultiGauge.builder("dlab.workers.responding")
            .description("nodes that run jobs and whose heartbeat is recent, by device class")
            .register(registry);
    this.busy =
        MultiGauge.builder("dlab.node.busy")
            .description("share of a node's job slots in use, 0 to 1")
            .baseUnit("ratio")
            .register(registry);
    this.memoryUsed =
        MultiGauge.builder("dlab.device.memory.used")
            .description("memory in use on a node's device, by every process")
            .baseUnit("bytes")
            .register(registry);
    this.memoryTotal =
        MultiGauge.builder("dlab.device.memory.total")
            .description("a node's device's memory")
            .baseUnit("bytes")
            .register(registry);
  }

  @Override
  protected void read() {
    DevicesOverview overview = nodes.overview();
    List<JobQueue.Depth> counted = queue.depth();

    // every class a job asks for or a worker serves gets a row for both states, zero included, so
    // that its series do not vanish when its queue empties
    Set<String> classes = new TreeSet<>(List.of(JobQueue.ANY_DEVICE));
    counted.forEach(d -> classes.add(d.deviceClass()));
    Map<String, Long> workers = new TreeMap<>();
    for (NodeStatus node : overview.nodes()) {
      if (node.runsJobs() && node.deviceClass() != null) {
        workers.merge(node.deviceClass(), node.responding() ? 1L : 0L, Long::sum);
        classes.add(node.deviceClass());
      }
    }
    List<MultiGauge.Row<?>> depthRows = new ArrayList<>();
    for (String deviceClass : classes) {
      for (boolean claimed : new boolean[] {false, true}) {
        long jobs =
            counted.stream()
                .filter(d -> d.deviceClass().equals(deviceClass) && d.claimed() == claimed)
                .mapToLong(JobQueue.Depth::jobs)
                .sum();
        depthRows.add(
            MultiGauge.Row.of(
                Tags.of("device_class", deviceClass, "state", claimed ? "running" : "waiting"),
                jobs));
      }
    }
    depth.register(depthRows, true);

    Map<String, Long> unservedJobs = new TreeMap<>();
    classes.stream()
        .filter(deviceClass -> !deviceClass.equals(JobQueue.ANY_DEVICE))
        .forEach(deviceClass -> unservedJobs.put(deviceClass, 0L));
    overview.unserved().forEach(jobs -> unservedJobs.put(jobs.deviceClass(), jobs.waiting()));
    unserved.register(
        unservedJobs.entrySet().stream()
            .<MultiGauge.Row<?>>map(
                e -> MultiGauge.Row.of(Tags.of("device_class", e.getKey()), e.getValue()))
            .toList(),
        true);
    responding.register(
        workers.entrySet().stream()
            .<MultiGauge.Row<?>>map(
                e -> MultiGauge.Row.of(Tags.of("device_class", e.getKey()), e.getValue()))
            .toList(),
        true);

    List<MultiGauge.Row<?>> busyRows = new ArrayList<>();
    List<MultiGauge.Row<?>> usedRows = new ArrayList<>();
    List<MultiGauge.Row<?>> totalRows = new ArrayList<>();
    for (NodeStatus node : overview.nodes()) {
      if (!node.responding()) {
        continue;
      }
      if (node.runsJobs()) {
        busyRows.add(MultiGauge.Row.of(Tags.of("node", node.name()), node.utilisation()));
      }
      for (DeviceStatus device : node.devices()) {
        Tags tags = Tags.of("node", node.name(), "device", device.device());
        if (device.memoryUsedBytes() != null) {
          usedRows.add(MultiGauge.Row.of(tags, device.memoryUsedBytes()));
        }
        if (device.memoryTotalBytes() != null) {
          totalRows.add(MultiGauge.Row.of(tags, device.memoryTotalBytes()));
        }
      }
    }
    busy.register(busyRows, true);
    memoryUsed.register(usedRows, true);
    memoryTotal.register(totalRows, true);
  }
}
