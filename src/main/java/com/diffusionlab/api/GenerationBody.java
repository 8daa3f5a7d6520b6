package com.diffusionlab.api;

import com.diffusionlab.scheduling.GenerationAsk;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/v1/generations}; absent fields take the playground's defaults. */
@Schema(description = "A generation request. Omitted fields take defaults.")
public record GenerationBody(
    @Schema(
            description = "Model name or content hash (full or 10-digit short)",
            example = "tiny-shapes")
        String model,
    @Schema(
            description = "What to draw; AUTOMATIC1111 emphasis syntax",
            example = "two red circles at the top")
        String prompt,
    @Schema(description = "What to avoid") String negativePrompt,
    @Schema(description = "Seed of the first image; random when omitted; image i uses seed+i")
        Long seed,
    @Schema(description = "Sampler steps, 1 to 1000", example = "20") Integer steps,
    @Schema(description = "Classifier-free guidance scale, 0 to 100", example = "7") Double cfg,
    @Schema(
            description = "euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, pndm",
            example = "euler")
        String sampler,
    @Schema(description = "normal or karras; default per sampler") String schedule,
    @Schema(description = "DDIM eta in [0, 1]") Double eta,
    @Schema(description = "Width, a multiple of 8; default: the model's trained size")
        Integer width,
    @Schema(description = "Height, a multiple of 8; default: the model's trained size")
        Integer height,
    @Schema(description = "Images in the batch, 1 to 16") Integer batch,
    @Schema(description = "philox (CUDA randn) or torch-cpu", example = "philox") String rng,
    @Schema(description = "1 = last text encoder layer") Integer clipSkip,
    @Schema(description = "Playground session id; default: the caller's default session")
        Long sessionId,
    @Schema(description = "Experiment name; default: default") String experiment,
    @Schema(description = "Artifact hash of an uploaded init image (img2img)") String initImage,
    @Schema(description = "img2img strength in (0, 1]") Double strength,
    @Schema(description = "Artifact hash of an uploaded mask, white = repaint") String maskImage) {

  GenerationAsk toAsk() {
    return new GenerationAsk(
        sessionId,
        experiment,
        model,
        prompt,
        negativePrompt == null ? "" : negativePrompt,
        seed,
        steps == null ? 20 : steps,
        cfg == null ? 7 : cfg,
        sampler == null ? "euler" : sampler,
        schedule,
        eta == null ? 0 : eta,
        width == null ? 0 : width,
        height == null ? 0 : height,
        batch == null ? 1 : batch,
        rng == null ? "philox" : rng,
        clipSkip == null ? 1 : clipSkip,
        initImage,
        strength,
        maskImage);
  }
}
