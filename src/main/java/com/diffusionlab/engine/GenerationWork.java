package com.diffusionlab.engine;

/**
 * The arithmetic a generation asks of the device, counted from the model's architecture: the
 * floating-point operations of its convolutions, linear layers and attention, and the number of
 * kernel calls, which is what costs time when the tensors are small.
 *
 * @param evaluations UNet evaluations, the steps the sampler reports (img2img runs a share of the
 *     requested steps, PNDM one more)
 * @param perEvaluation one evaluation over the whole batch, both passes with guidance
 * @param encoding the text encoder over the prompts, and the VAE encoder for an init image
 * @param decoding the VAE decoder over every image of the batch
 * @param weightBytes the model's weights in the device's precision
 * @param activationBytes the largest activation of the sampling or decoding
 */
public record GenerationWork(
    int evaluations,
    Cost perEvaluation,
    Cost encoding,
    Cost decoding,
    long weightBytes,
    long activationBytes) {

  /** Work of one part: floating-point operations and kernel calls. */
  public record Cost(double flops, double calls) {

    public static final Cost NONE = new Cost(0, 0);

    public Cost plus(Cost other) {
      return new Cost(flops + other.flops, calls + other.calls);
    }

    public Cost times(double factor) {
      return new Cost(flops * factor, calls * factor);
    }
  }

  /** Encoding and decoding: the work that does not grow with the steps. */
  public Cost fixed() {
    return encoding.plus(decoding);
  }

  /** The whole generation. */
  public Cost total() {
    return perEvaluation.times(evaluations).plus(fixed());
  }
}
