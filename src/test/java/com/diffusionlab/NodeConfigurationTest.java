package com.diffusionlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Who a node is, from DLAB_NODE_NAME, DLAB_WORKER_SLOTS, DLAB_WEB_WORKER and its command. */
class NodeConfigurationTest {

  private final NodeConfiguration configuration = new NodeConfiguration();

  @Test
  void aWebNodeRunsJobsUnlessToldNotTo() {
    LabNode web = configuration.labNode("web-1", "web", "2", "true");
    assertThat(web).isEqualTo(new LabNode("web-1", true, true, 2));
    assertThat(configuration.labNode("web-1", "web", "1", " FALSE ").runsJobs()).isFalse();
  }

  @Test
  void aWorkerAlwaysRunsJobs() {
    assertThat(configuration.labNode("gpu-7", "worker", "1", "false"))
        .isEqualTo(new LabNode("gpu-7", false, true, 1));
  }

  @Test
  void withoutANameANodeIsCalledAfterItsHost() {
    assertThat(configuration.labNode(" ", "web", "1", "true").name()).isNotBlank();
  }

  @Test
  void badSettingsAreRefusedNamingTheVariableTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> configuration.labNode("n", "web", "many", "true"))
        .hasMessage("DLAB_WORKER_SLOTS='many' is not allowed: a whole number from 1 to 64");
    assertThatThrownBy(() -> configuration.labNode("n", "web", "0", "true"))
        .hasMessage("DLAB_WORKER_SLOTS=0 is not allowed: 1 to 64");
    assertThatThrownBy(() -> configuration.labNode("n", "web", "65", "true"))
        .hasMessage("DLAB_WORKER_SLOTS=65 is not allowed: 1 to 64");
    assertThatThrownBy(() -> configuration.labNode("n", "web", "1", "yes"))
        .hasMessage("DLAB_WEB_WORKER='yes' is not allowed: true or false");
    assertThatThrownBy(() -> configuration.labNode("bad name;drop", "web", "1", "true"))
        .hasMessageStartingWith("DLAB_NODE_NAME='bad name;drop' is not allowed: 1 to 100 letters");
    assertThatThrownBy(() -> configuration.labNode("x".repeat(101), "web", "1", "true"))
        .hasMessageContaining("is not allowed");
    assertThatThrownBy(() -> configuration.labNode("n", "both", "1", "true"))
        .hasMessage("dlab.node.role='both' is not allowed: web or worker");
  }
}
