package com.diffusionlab.reports.internal;

import static com.diffusionlab.reports.internal.Html.escape;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The report's environment section: versions, machine, devices and precisions, then models. */
final class EnvironmentTable {

  private EnvironmentTable() {}

  static void write(Writer out, EnvironmentFingerprint environment) throws IOException {
    out.write("<section id=\"environment\">\n<h2>Environment</h2>\n<table class=\"kv\"><tbody>\n");
    row(out, "Engine", environment.engineVersion());
    row(out, "Diffusion Lab", environment.labVersion());
    row(out, "JVM", join(environment.jvmVendor(), environment.jvmVersion()));
    row(out, "Operating system", join(environment.osName(), environment.osArch()));
    row(out, "Devices", listed(environment.devices()));
    row(out, "Precisions", listed(environment.precisions()));
    out.write("</tbody></table>\n");
    if (!environment.models().isEmpty()) {
      out.write(
          "<table class=\"list\"><thead><tr><th scope=\"col\">Model</th>"
              + "<th scope=\"col\">Content hash</th></tr></thead><tbody>\n");
      for (ModelFingerprint model : environment.models()) {
        out.write(
            "<tr><td>"
                + escape(model.name())
                + "</td><td class=\"hash\">"
                + escape(model.contentHash())
                + "</td></tr>\n");
      }
      out.write("</tbody></table>\n");
    }
    out.write("</section>\n");
  }

  private static void row(Writer out, String label, String value) throws IOException {
    out.write(
        "<tr><th scope=\"row\">"
            + label
            + "</th><td>"
            + escape(value == null || value.isBlank() ? "–" : value)
            + "</td></tr>\n");
  }

  private static String join(String first, String second) {
    return ((first == null ? "" : first) + " " + (second == null ? "" : second)).strip();
  }

  private static String listed(List<String> values) {
    return String.join(", ", values);
  }
}
