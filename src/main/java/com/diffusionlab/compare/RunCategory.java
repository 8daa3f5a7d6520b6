package com.diffusionlab.compare;

import com.diffusionlab.tracking.Run;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** A categorical property of a run that charts colour points by. */
public record RunCategory(String name, String label, Function<Run, String> value) {

  private static final List<RunCategory> ALL =
      List.of(
          new RunCategory("sampler", "Sampler", run -> run.settings().sampler()),
          new RunCategory("schedule", "Schedule", run -> run.settings().schedule()),
          new RunCategory("model", "Model", run -> run.settings().modelName()),
          new RunCategory("rng", "Noise", run -> run.settings().rng()),
          new RunCategory("status", "Status", run -> run.status().name().toLowerCase(Locale.ROOT)),
          new RunCategory("device", "Device", run -> Optional.ofNullable(run.device()).orElse("–")),
          new RunCategory(
              "modelDevice",
              "Model and device",
              run ->
                  run.settings().modelName()
                      + " · "
                      + Optional.ofNullable(run.device()).orElse("–")));

  public static List<RunCategory> all() {
    return ALL;
  }

  public static Optional<RunCategory> find(String name) {
    return ALL.stream().filter(category -> category.name.equals(name)).findFirst();
  }
}
