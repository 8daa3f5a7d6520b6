package com.diffusionlab.api;

import com.diffusionlab.scheduling.Devices;
import com.diffusionlab.scheduling.DevicesOverview;
import com.diffusionlab.scheduling.JobWait;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The nodes of the workspace and their devices, as the Devices view shows them, and the queue. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Diffusion Lab")
class DevicesApi {

  private final Devices devices;

  DevicesApi(Devices devices) {
    this.devices = devices;
  }

  @GetMapping("/devices")
  @Operation(
      summary = "Every node with its devices, what it runs, and the queue",
      description =
          "nodes[]: name, web (serves the UI and API), runsJobs, slots, jobDevice, engineVersion,"
              + " startedAt, heartbeatAt, responding (its heartbeat is recent), devices[] (device,"
              + " kind, description, memoryTotalBytes, memoryUsedBytes), running (run ids),"
              + " utilisation (running / slots), deviceClass (cpu, gpu: it claims jobs asking for"
              + " this class or none), modelCacheBytes (its model cache's budget), models[]"
              + " (contentHash, name, bytes, inUse: the models it holds loaded); waiting: jobs no"
              + " worker has claimed yet; unserved[] (deviceClass, waiting, reason): those that ask"
              + " for a device class no responding worker runs jobs on")
  DevicesOverview devices() {
    return devices.overview();
  }

  @GetMapping("/runs/{id}/queue")
  @Operation(
      summary = "Where a run's job stands in the queue",
      description =
          "runId; waiting (no worker has claimed it yet); deviceClass (what it must run on: a"
              + " replay asks for its original's; null for any); modelHash; reason: why no worker"
              + " takes it (no responding worker runs jobs on its device class), else null. 404"
              + " for a run that does not exist or that you may not see")
  JobWait queue(@PathVariable long id) {
    return devices.jobWait(id);
  }
}
