/**
 * Noise schedules and samplers for Stable Diffusion-family models, on DJL arrays, in k-diffusion's
 * formulation: a latent is x = x₀ + σ·ε and a {@link com.diffusionlab.engine.sampling.Denoiser}
 * estimates x₀.
 *
 * <p>Use: read the model's {@link com.diffusionlab.engine.sampling.SchedulerConfig}, make a {@link
 * com.diffusionlab.engine.sampling.Sampler} with {@link
 * com.diffusionlab.engine.sampling.SamplerFactory}, wrap the network in a {@link
 * com.diffusionlab.engine.sampling.ModelDenoiser} built on {@link
 * com.diffusionlab.engine.sampling.Sampler#schedule()}, {@link
 * com.diffusionlab.engine.sampling.Sampler#plan} the run, build the start latent from the plan and
 * {@link com.diffusionlab.engine.sampling.Sampler#sample} it.
 *
 * <p>euler, euler_a and dpmpp_2m reproduce k-diffusion (as AUTOMATIC1111 and ComfyUI run it); ddim
 * and pndm reproduce diffusers' DDIMScheduler and PNDMScheduler.
 */
package com.diffusionlab.engine.sampling;
