package com.diffusionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.tracking.GenerationDefaults;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The command line and the workspace take their generation defaults from the one place. */
class CliDefaultsIT extends WorkspaceTestSupport {

  @Autowired GenerationDefaults workspaceDefaults;

  @Test
  void theCommandLineSeesTheWorkspacesDefaults() {
    assertThat(CliDefaults.load()).isEqualTo(workspaceDefaults);
    assertThat(workspaceDefaults.steps()).isPositive();
    assertThat(workspaceDefaults.sampler()).isNotBlank();
  }
}
