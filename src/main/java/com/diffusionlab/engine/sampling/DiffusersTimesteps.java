package com.diffusionlab.engine.sampling;

import com.diffusionlab.engine.EngineException;

/**
 * The inference timesteps of diffusers' DDIMScheduler and PNDMScheduler ({@code set_timesteps}),
 * reproduced with numpy's arithmetic so that every step count rounds as it does there.
 */
final class DiffusersTimesteps {
  private DiffusersTimesteps() {}

  /**
   * The {@code steps} timesteps, descending.
   *
   * @throws EngineException when a "leading" timestep with the config's offset passes N−1
   */
  static int[] descending(SchedulerConfig config, int steps) {
    int count = config.numTrainTimesteps();
    int[] timesteps = new int[steps];
    switch (config.timestepSpacing()) {
      case LEADING -> {
        int ratio = count / steps;
        for (int i = 0; i < steps; i++) {
          timesteps[i] = (steps - 1 - i) * ratio + config.stepsOffset();
        }
      }
      case TRAILING -> {
        // numpy.arange(N, 0, -N/steps) fills value i as N + i·((N − ratio) − N). For some step
        // counts (61, 103, 121, …) its float length comes out one too long and diffusers then
        // steps through a timestep −1, which numpy reads as ᾱ[N−1]; exactly `steps` values here.
        double ratio = count / (double) steps;
        double second = count + -ratio;
        double delta = second - count;
        for (int i = 0; i < steps; i++) {
          double value = i == 1 ? second : count + i * delta;
          timesteps[i] = (int) Math.rint(value) - 1;
        }
      }
      case LINSPACE -> {
        double[] values = Linspace.numpy(0, count - 1, steps);
        for (int i = 0; i < steps; i++) {
          timesteps[i] = (int) Math.rint(values[steps - 1 - i]);
        }
      }
    }
    if (timesteps[0] > count - 1) {
      throw new EngineException(
          "steps "
              + steps
              + " with steps_offset "
              + config.stepsOffset()
              + " reaches timestep "
              + timesteps[0]
              + ", beyond num_train_timesteps "
              + count
              + "; allowed: fewer steps");
    }
    return timesteps;
  }
}
