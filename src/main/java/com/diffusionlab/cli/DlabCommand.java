package com.diffusionlab.cli;

/** Entry point of the {@code dlab} command line. */
public final class DlabCommand {
  private DlabCommand() {}

  public static void main(String[] args) {
    System.out.println("dlab");
  }
}
