/**
 * Images in and out of the diffusion engine, and the metadata that makes a PNG replayable.
 *
 * <ul>
 *   <li>Pixels: {@link com.diffusionlab.engine.image.RgbImage} and {@link
 *       com.diffusionlab.engine.image.Mask}, read by {@link
 *       com.diffusionlab.engine.image.ImageFiles} and resized with Pillow's arithmetic.
 *   <li>PNG: {@link com.diffusionlab.engine.image.PngWriter} (deterministic bytes, text chunks as
 *       Pillow writes them), {@link com.diffusionlab.engine.image.StreamingPngWriter} (the same
 *       encoding row by row, for images too large to hold) and {@link
 *       com.diffusionlab.engine.image.PngMetadataReader} (text of any PNG, hostile files refused
 *       clearly).
 *   <li>Metadata: AUTOMATIC1111's {@link com.diffusionlab.engine.image.Infotext}, our {@link
 *       com.diffusionlab.engine.image.ReplayMetadata} JSON, and {@link
 *       com.diffusionlab.engine.image.ProvenanceDetector} to tell them and ComfyUI's apart.
 * </ul>
 */
package com.diffusionlab.engine.image;
