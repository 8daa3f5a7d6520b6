package com.diffusionlab.cli;

import com.diffusionlab.engine.DiffusionEngine;
import picocli.CommandLine.IVersionProvider;

/** {@code dlab --version}: the engine version, read where the engine reads it. */
final class EngineVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"diffusion-lab " + DiffusionEngine.readVersion()};
  }
}
