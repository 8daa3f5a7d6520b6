package com.diffusionlab.tracking;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A generation's settings: everything that decides its images besides the device class and the
 * engine version. The one shape that the playground, the REST API, the command line, stored runs,
 * sweeps, comparisons and exports share; {@link GenerationFields} describes each field.
 *
 * <p>In a request a null field is "not given" and takes the configured default ({@link
 * GenerationDefaults#complete}); a recorded run has every field set except {@code strength}, {@code
 * initImage} and {@code maskImage}, which only img2img and inpainting use.
 *
 * @param model in a request a model name, content hash or 10-digit short hash; recorded, the
 *     content hash of the model version that ran
 * @param modelName the model's name as recorded (ignored in requests)
 * @param seed the first image's seed; image {@code i} of a batch uses {@code seed + i}
 * @param schedule {@code normal} or {@code karras}; null takes the sampler's own
 * @param initImage artifact hash of the img2img source image
 * @param maskImage artifact hash of the inpainting mask (white = repaint)
 */
@Schema(description = "Generation settings; omitted fields take the configured defaults")
public record GenerationSettings(
    @Schema(
            description = "Model name or content hash (full or 10-digit short)",
            example = "tiny-shapes")
        String model,
    @Schema(
            description = "Recorded model name; ignored in requests",
            accessMode = Schema.AccessMode.READ_ONLY)
        String modelName,
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
    @Schema(description = "img2img strength in (0, 1]") Double strength,
    @Schema(description = "Artifact hash of an uploaded init image (img2img)") String initImage,
    @Schema(description = "Artifact hash of an uploaded mask, white = repaint") String maskImage) {

  /** A request for a prompt on a model; every other field takes its default. */
  public static GenerationSettings of(String model, String prompt) {
    return new GenerationSettings(
        model, null, prompt, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  /**
   * These settings with one field changed, by its catalogue name (see {@link GenerationFields}).
   */
  public GenerationSettings with(String field, Object value) {
    return GenerationFields.with(this, field, value);
  }

  public GenerationSettings withSeed(long value) {
    return with(GenerationFields.SEED, value);
  }

  /** Whether this is an img2img (or inpainting) generation. */
  public boolean imageToImage() {
    return initImage != null;
  }
}
