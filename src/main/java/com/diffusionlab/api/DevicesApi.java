package com.diffusionlab.api;

import com.diffusionlab.scheduling.Devices;
import com.diffusionlab.scheduling.DevicesOverview;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The nodes of the workspace and their devices, as the Devices view shows them. */
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
              + " utilisation (running / slots); waiting: jobs no worker has claimed yet")
  DevicesOverview devices() {
    return devices.overview();
  }
}
