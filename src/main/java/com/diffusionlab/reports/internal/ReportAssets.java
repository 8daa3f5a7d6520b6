package com.diffusionlab.reports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report's stylesheet and script, kept as resources beside this class so that they read as CSS
 * and JavaScript. Both avoid {@code <} and {@code &}, so the report stays well-formed XML.
 */
final class ReportAssets {

  static final String STYLE = read("report.css");
  static final String SCRIPT = read("report.js");

  private ReportAssets() {}

  private static String read(String name) {
    try (InputStream in = ReportAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
