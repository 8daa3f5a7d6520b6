package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.EngineException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes {@link Sampler}s from user settings. Accepts the canonical names, the alias {@code
 * dpmpp_2m_karras} and AUTOMATIC1111's display names (case-insensitively), since prompts and PNGs
 * copied from AUTOMATIC1111 carry those.
 *
 * <p>The k-diffusion samplers (euler, euler_a, dpmpp_2m) build their noise table in float64 as
 * AUTOMATIC1111 and ComfyUI do; ddim and pndm in float32 as diffusers does (see {@link
 * BetaPrecision}).
 */
public final class SamplerFactory {

  /** What a name stands for: a sampler and, for some aliases, a schedule. */
  private record Alias(SamplerType type, Optional<SigmaSchedule> schedule) {}

  private static final Map<String, Alias> NAMES = names();

  private SamplerFactory() {}

  /**
   * A sampler for a model's scheduler config.
   *
   * @throws EngineException naming the setting, its value and the allowed values, for an unknown
   *     sampler or schedule, a schedule the sampler cannot use, or η outside [0, 1]
   */
  public static Sampler create(SamplerSettings settings, SchedulerConfig config) {
    Objects.requireNonNull(config, "config");
    SamplerSettings canonical = canonical(settings);
    SamplerType type = lookup(canonical.name()).type();
    SigmaSchedule sigmaSchedule = SigmaSchedule.fromName(canonical.schedule());
    return switch (type) {
      case EULER -> new EulerSampler(canonical, kDiffusionSchedule(config), sigmaSchedule);
      case EULER_ANCESTRAL ->
          new EulerAncestralSampler(canonical, kDiffusionSchedule(config), sigmaSchedule);
      case DPMPP_2M -> new DpmPp2mSampler(canonical, kDiffusionSchedule(config), sigmaSchedule);
      case DDIM -> new DdimSampler(canonical, diffusersSchedule(config), config);
      case PNDM -> new PndmSampler(canonical, diffusersSchedule(config), config);
    };
  }

  /**
   * The settings as they will run: canonical sampler name, schedule name ({@code normal} when not
   * given, {@code karras} for the Karras aliases) and η (as given for ddim, 1 for euler_a, 0 for
   * the others, which have none). This is the form to record and compare.
   *
   * @throws EngineException as {@link #create}
   */
  public static SamplerSettings canonical(SamplerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Alias alias = lookup(settings.name());
    SigmaSchedule schedule =
        settings.schedule() == null
            ? alias.schedule().orElse(SigmaSchedule.NORMAL)
            : SigmaSchedule.fromName(settings.schedule());
    if (alias.schedule().isPresent() && alias.schedule().get() != schedule) {
      throw new EngineException(
          "sampler "
              + Messages.quote(settings.name())
              + " implies schedule '"
              + alias.schedule().get().configName()
              + "' but schedule "
              + Messages.quote(settings.schedule())
              + " was given; allowed: "
              + alias.schedule().get().configName()
              + " or none");
    }
    SamplerType type = alias.type();
    if ((type == SamplerType.DDIM || type == SamplerType.PNDM)
        && schedule != SigmaSchedule.NORMAL) {
      throw new EngineException(
          "schedule '"
              + schedule.configName()
              + "' does not apply to sampler '"
              + type.id()
              + "', which steps through the timesteps of the scheduler config; allowed: normal");
    }
    double eta = settings.eta();
    if (!(eta >= 0 && eta <= 1)) {
      throw new EngineException("eta " + eta + " is out of range; allowed: 0 to 1");
    }
    double effectiveEta =
        switch (type) {
          case DDIM -> eta;
          case EULER_ANCESTRAL -> 1;
          default -> 0;
        };
    return new SamplerSettings(type.id(), schedule.configName(), effectiveEta);
  }

  /** The sampler a name stands for (canonical, alias or AUTOMATIC1111 name), if any. */
  public static Optional<SamplerType> find(String name) {
    return name == null
        ? Optional.empty()
        : Optional.ofNullable(NAMES.get(name.trim().toLowerCase(Locale.ROOT))).map(Alias::type);
  }

  private static Alias lookup(String name) {
    Alias alias = name == null ? null : NAMES.get(name.trim().toLowerCase(Locale.ROOT));
    if (alias == null) {
      throw new EngineException(
          "sampler "
              + Messages.quote(name)
              + " is unknown; allowed: euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, pndm, or"
              + " the AUTOMATIC1111 names Euler, Euler a, DPM++ 2M, DPM++ 2M Karras, DDIM, PLMS");
    }
    return alias;
  }

  private static Map<String, Alias> names() {
    Map<String, Alias> names = new LinkedHashMap<>();
    for (SamplerType type : SamplerType.values()) {
      Alias plain = new Alias(type, Optional.empty());
      names.put(type.id(), plain);
      names.put(type.a1111Name().toLowerCase(Locale.ROOT), plain);
    }
    Alias karras = new Alias(SamplerType.DPMPP_2M, Optional.of(SigmaSchedule.KARRAS));
    names.put("dpmpp_2m_karras", karras);
    names.put("dpm++ 2m karras", karras);
    return Map.copyOf(names);
  }

  private static DiscreteSchedule kDiffusionSchedule(SchedulerConfig config) {
    return DiscreteSchedule.of(config, BetaPrecision.FLOAT64);
  }

  private static DiscreteSchedule diffusersSchedule(SchedulerConfig config) {
    return DiscreteSchedule.of(config, BetaPrecision.FLOAT32);
  }
}
