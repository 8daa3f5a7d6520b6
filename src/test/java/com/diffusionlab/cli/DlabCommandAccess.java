package com.diffusionlab.cli;

import picocli.CommandLine;

/** The configured command line, for tests outside this package. */
public final class DlabCommandAccess {
  private DlabCommandAccess() {}

  public static CommandLine commandLine() {
    return DlabCommand.commandLine();
  }
}
