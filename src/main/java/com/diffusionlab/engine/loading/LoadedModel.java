package com.diffusionlab.engine.loading;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.diffusionlab.engine.ModelInfo;
import com.diffusionlab.engine.clip.ClipTextModel;
import com.diffusionlab.engine.sampling.SchedulerConfig;
import com.diffusionlab.engine.text.ClipTokenizer;
import com.diffusionlab.engine.unet.UNet2DConditionModel;
import com.diffusionlab.engine.vae.AutoencoderKL;
import java.util.List;

/**
 * A model in memory, ready to generate: its networks share one weights manager, capped so that no
 * operation can accidentally leave a result in it. Safe for concurrent generations: nothing here
 * changes after loading.
 */
public final class LoadedModel implements ModelCache.Cacheable {
  private final ModelInfo info;
  private final ClipTokenizer tokenizer;
  private final ClipTextModel textEncoder;
  private final UNet2DConditionModel unet;
  private final AutoencoderKL vae;
  private final SchedulerConfig scheduler;
  private final NDManager weights;
  private final DataType dataType;
  private final List<String> warnings;

  LoadedModel(
      ModelInfo info,
      ClipTokenizer tokenizer,
      ClipTextModel textEncoder,
      UNet2DConditionModel unet,
      AutoencoderKL vae,
      SchedulerConfig scheduler,
      NDManager weights,
      DataType dataType,
      List<String> warnings) {
    this.info = info;
    this.tokenizer = tokenizer;
    this.textEncoder = textEncoder;
    this.unet = unet;
    this.vae = vae;
    this.scheduler = scheduler;
    this.weights = weights;
    this.dataType = dataType;
    this.warnings = List.copyOf(warnings);
  }

  public ModelInfo info() {
    return info;
  }

  public ClipTokenizer tokenizer() {
    return tokenizer;
  }

  public ClipTextModel textEncoder() {
    return textEncoder;
  }

  public UNet2DConditionModel unet() {
    return unet;
  }

  public AutoencoderKL vae() {
    return vae;
  }

  public SchedulerConfig scheduler() {
    return scheduler;
  }

  public Device device() {
    return weights.getDevice();
  }

  /** FLOAT32 on the CPU, FLOAT16 on a GPU. */
  public DataType dataType() {
    return dataType;
  }

  /** Non-fatal findings of loading, such as checkpoint tensors that were not used. */
  public List<String> warnings() {
    return warnings;
  }

  /** Bytes its weights take on its device: every parameter in its data type. */
  @Override
  public long residentBytes() {
    long parameters = info.parameters().values().stream().mapToLong(Long::longValue).sum();
    return parameters * dataType.getNumOfBytes();
  }

  @Override
  public void close() {
    weights.close();
  }
}
